import type { SeededRandom } from './random';

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '罗',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
  '韩',
  '冯',
  '邓',
  '曹',
];
const GIVEN_MALE = ['伟', '强', '磊', '军', '勇', '杰', '涛', '明', '超', '刚', '平', '辉', '鹏', '华', '飞', '鑫', '波', '斌', '宇', '浩', '建国', '志强', '文博', '俊杰', '子轩'];
const GIVEN_FEMALE = ['芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '秀英', '玲', '婷', '雪', '慧', '颖', '琳', '欣怡', '梓涵', '雨桐', '佳琪', '晓燕'];

export function chineseName(random: SeededRandom, sex: 'MALE' | 'FEMALE'): string {
  return random.pick(SURNAMES) + random.pick(sex === 'MALE' ? GIVEN_MALE : GIVEN_FEMALE);
}
