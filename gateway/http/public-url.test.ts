import { publicBaseUrl } from './public-url';

describe('publicBaseUrl', () => {
  it('is the configured public URL without a trailing slash, else the listen address', () => {
    expect(publicBaseUrl({ publicUrl: 'https://gw.example/', host: '0.0.0.0' }, 4000)).toBe('https://gw.example');
    expect(publicBaseUrl({ host: '127.0.0.1' }, 4000)).toBe('http://127.0.0.1:4000');
    expect(publicBaseUrl({ host: '0.0.0.0' }, 4000)).toBe('http://localhost:4000');
    expect(publicBaseUrl({ host: '::1' }, 4000)).toBe('http://[::1]:4000');
  });
});
