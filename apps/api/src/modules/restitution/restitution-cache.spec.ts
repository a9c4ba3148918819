import { StampedLruCache } from './restitution-cache';

const entry = (bytes: number, name = 'x') => ({ bytes, name });
const sizeOf = (e: { bytes: number }) => e.bytes;

describe('StampedLruCache', () => {
  it('gives an entry back only for the stamp it was made for, and forgets it otherwise', () => {
    const cache = new StampedLruCache<{ bytes: number; name: string }>(100, 60_000, sizeOf);
    cache.set('a', 's1', entry(10, 'first'));
    expect(cache.get('a', 's1')?.name).toBe('first');
    expect(cache.get('a', 's2')).toBeNull();
    expect(cache.get('a', 's1')).toBeNull();
    expect(cache.bytes).toBe(0);
  });

  it('drops the least recently used entries beyond its size, and never keeps an entry larger than it', () => {
    const cache = new StampedLruCache<{ bytes: number; name: string }>(100, 60_000, sizeOf);
    cache.set('a', 's', entry(40));
    cache.set('b', 's', entry(40));
    cache.get('a', 's'); // a is now more recent than b
    cache.set('c', 's', entry(40));
    expect(cache.get('b', 's')).toBeNull();
    expect(cache.get('a', 's')).not.toBeNull();
    expect(cache.get('c', 's')).not.toBeNull();
    expect(cache.bytes).toBe(80);
    cache.set('huge', 's', entry(101));
    expect(cache.get('huge', 's')).toBeNull();
    cache.set('a', 's', entry(30)); // replacing counts the new size only
    expect(cache.bytes).toBe(70);
  });

  it('forgets entries older than its maximum age', () => {
    let now = 0;
    const cache = new StampedLruCache<{ bytes: number; name: string }>(100, 1_000, sizeOf, () => now);
    cache.set('a', 's', entry(10));
    now = 1_000;
    expect(cache.get('a', 's')).not.toBeNull();
    now = 2_001;
    expect(cache.get('a', 's')).toBeNull();
  });
});
