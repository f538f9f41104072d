/* Words of the regional dashboard in its readers' language: Simplified Chinese first (the
 * alliance's officials, hospitals and data are Chinese), English on request. Plain labels:
 * what a figure counts and in which unit, no engineering terms. */
var MedAllianceText = (function () {
  'use strict';

  var LANG_KEY = 'medalliance.dashboardLang';

  var TEXT = {
    'zh-CN': {
      title: '医联体运行看板',
      subtitle: '区域运行看板',
      from: '起始日期',
      to: '截止日期',
      by: '统计周期',
      day: '按日',
      week: '按周',
      month: '按月',
      token: '看板令牌',
      tokenPlaceholder: '粘贴看板令牌',
      show: '查询',
      switchLanguage: 'English',
      window: '统计时段',
      windowJoin: '至',
      kpis: '主要指标',
      referralsUpward: '上转患者（人次）',
      referralsDownward: '下转患者（人次）',
      referralsLateral: '平级转诊（人次）',
      greenChannelReferrals: '绿色通道病例（例）',
      medianResponseMinutes: '转诊响应时间（中位数）',
      expertsDispatched: '下派专家（人）',
      dispatchDays: '专家下沉（天）',
      staffTrained: '进修培训结业（人）',
      resultsReused: '检查检验结果互认（项）',
      retests: '复查（项）',
      estimatedSavingsYuan: '为患者节省费用（元）',
      freeCtSlots: '未来 7 天 CT 空闲号源（个）',
      freeMriSlots: '未来 7 天 MRI 空闲号源（个）',
      chartReferrals: '上转与下转人次',
      chartGreen: '绿色通道病例与转诊响应时间',
      chartReuse: '结果互认、复查与节省费用',
      chartRetests: '复查原因',
      chartCooperation: '各医院接收专家与培训人员',
      chartSlots: '各医院 CT / MRI 空闲号源（未来 7 天）',
      perHospital: '各成员医院',
      hospital: '医院',
      level: '等级',
      referralsSent: '转出（人次）',
      referralsReceived: '转入（人次）',
      expertsReceived: '接收专家（人）',
      slotsTitle: '全医联体 CT / MRI 空闲号源',
      resource: '设备',
      kind: '类型',
      freeSlots: '空闲号源',
      nextFreeSlot: '最近空闲时段',
      didNotAnswer: '未应答',
      suppressed: '人数过少，不予显示',
      TERTIARY: '三级',
      SECONDARY: '二级',
      PRIMARY: '基层',
      up: '上转',
      down: '下转',
      lateral: '平级',
      greenChannel: '绿色通道',
      responseMinutes: '响应时间（分钟）',
      cases: '例',
      minutes: '分钟',
      results: '项',
      yuan: '元',
      reused: '互认',
      retested: '复查',
      saved: '节省（元）',
      CONDITION_CHANGED: '病情变化',
      RAPIDLY_CHANGING_VALUE: '指标变化快',
      DECISIVE_FOR_MAJOR_PROCEDURE: '重大手术等前的关键检查',
      EMERGENCY: '急诊抢救',
      FORENSIC_OR_DISABILITY: '司法鉴定或伤残评定',
      OTHER: '其他',
      hoursMinutes: function (h, m) { return h + ' 小时 ' + m + ' 分'; },
      onlyMinutes: function (m) { return m + ' 分钟'; },
      statusIdle: '请粘贴看板令牌（npx medalliance token --role dashboard），然后点“查询”。',
      statusRange: '请选择日期：起始日期不能晚于截止日期。',
      statusLoading: '正在查询……',
      statusUpdated: function (time, partial) { return '更新于 ' + time + (partial ? '。部分医院未应答，见上方提示。' : '。'); },
      statusRefused: '令牌无效或已过期（token was refused）：请粘贴有效的看板令牌。',
      statusGatewayRefused: function (detail) { return '网关拒绝了查询：' + detail; },
      statusUnreachable: function (detail) { return '无法连接网关：' + detail; },
      missingTitle: '部分数据缺失',
      memberDown: function (name) { return name + ' 未应答：其空闲号源暂不显示。'; },
      memberUnknown: function (name) { return name + ' 不是在册成员医院。'; },
    },
    en: {
      title: 'Medical alliance dashboard',
      subtitle: 'Regional dashboard',
      from: 'From',
      to: 'To',
      by: 'Per',
      day: 'day',
      week: 'week',
      month: 'month',
      token: 'Dashboard token',
      tokenPlaceholder: 'paste a dashboard token',
      show: 'Show',
      switchLanguage: '中文',
      window: 'Period',
      windowJoin: 'to',
      kpis: 'Headline figures',
      referralsUpward: 'Patients referred up',
      referralsDownward: 'Patients referred down',
      referralsLateral: 'Referrals between peers',
      greenChannelReferrals: 'Green channel cases',
      medianResponseMinutes: 'Typical time to answer a referral',
      expertsDispatched: 'Experts sent to members',
      dispatchDays: 'Expert days at members',
      staffTrained: 'Staff who completed training',
      resultsReused: 'Test results accepted, not repeated',
      retests: 'Tests repeated',
      estimatedSavingsYuan: 'Saved for patients (¥)',
      freeCtSlots: 'Free CT slots, next 7 days',
      freeMriSlots: 'Free MRI slots, next 7 days',
      chartReferrals: 'Patients referred up and down',
      chartGreen: 'Green channel cases and time to answer',
      chartReuse: 'Results accepted, repeated, and money saved',
      chartRetests: 'Why tests were repeated',
      chartCooperation: 'Experts received and staff trained per hospital',
      chartSlots: 'Free CT / MRI slots per hospital (next 7 days)',
      perHospital: 'Per hospital',
      hospital: 'Hospital',
      level: 'Level',
      referralsSent: 'Referred out',
      referralsReceived: 'Referred in',
      expertsReceived: 'Experts received',
      slotsTitle: 'Free CT / MRI slots across the alliance',
      resource: 'Equipment',
      kind: 'Kind',
      freeSlots: 'Free slots',
      nextFreeSlot: 'Next free slot',
      didNotAnswer: 'did not answer',
      suppressed: 'too few people to show',
      TERTIARY: 'Tertiary',
      SECONDARY: 'Secondary',
      PRIMARY: 'Primary care',
      up: 'Up',
      down: 'Down',
      lateral: 'Peer',
      greenChannel: 'Green channel',
      responseMinutes: 'Time to answer (min)',
      cases: 'cases',
      minutes: 'min',
      results: 'results',
      yuan: '¥',
      reused: 'Accepted',
      retested: 'Repeated',
      saved: 'Saved (¥)',
      CONDITION_CHANGED: 'Condition changed',
      RAPIDLY_CHANGING_VALUE: 'Value changes fast',
      DECISIVE_FOR_MAJOR_PROCEDURE: 'Before a major procedure',
      EMERGENCY: 'Emergency',
      FORENSIC_OR_DISABILITY: 'Forensic / disability assessment',
      OTHER: 'Other',
      hoursMinutes: function (h, m) { return h + ' h ' + m + ' min'; },
      onlyMinutes: function (m) { return m + ' min'; },
      statusIdle: 'Paste a dashboard token (npx medalliance token --role dashboard) and press Show.',
      statusRange: 'Choose the dates: "From" must not be after "To".',
      statusLoading: 'Loading …',
      statusUpdated: function (time, partial) { return 'Updated ' + time + (partial ? ' — some hospitals did not answer, see above.' : '.'); },
      statusRefused: 'The token was refused: paste a valid dashboard token.',
      statusGatewayRefused: function (detail) { return 'The gateway refused the request: ' + detail; },
      statusUnreachable: function (detail) { return 'The gateway could not be reached: ' + detail; },
      missingTitle: 'Some figures are missing',
      memberDown: function (name) { return name + ' did not answer: its free slots are not shown.'; },
      memberUnknown: function (name) { return name + ' is not an active member.'; },
    },
  };

  function chosen() {
    var asked = new URLSearchParams(window.location.search).get('lang') || localStorage.getItem(LANG_KEY);
    return TEXT[asked] ? asked : 'zh-CN';
  }

  var lang = chosen();

  function t(key) {
    var words = TEXT[lang][key];
    return words === undefined ? key : words;
  }

  /** Fills every element marked `data-i18n` (text) or `data-i18n-placeholder`. */
  function apply() {
    document.documentElement.lang = lang;
    document.title = t('title');
    document.querySelectorAll('[data-i18n]').forEach(function (el) { el.textContent = t(el.dataset.i18n); });
    document.querySelectorAll('[data-i18n-placeholder]').forEach(function (el) { el.placeholder = t(el.dataset.i18nPlaceholder); });
  }

  function toggle() {
    lang = lang === 'zh-CN' ? 'en' : 'zh-CN';
    localStorage.setItem(LANG_KEY, lang);
    apply();
  }

  return { t: t, apply: apply, toggle: toggle, lang: function () { return lang; } };
})();
