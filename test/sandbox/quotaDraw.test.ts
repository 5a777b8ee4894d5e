import { QuotaDraw } from '../../sandbox/org/quota-draw';

describe('QuotaDraw', () => {
  it('draws every category exactly its quota', () => {
    let state = 1;
    const random = () => {
      state = (state * 48271) % 2147483647;
      return state / 2147483647;
    };
    const draw = new QuotaDraw({ a: 5, b: 0, c: 17 }, random);
    const drawn: string[] = [];
    while (draw.left > 0) drawn.push(draw.next());
    expect(drawn.filter((k) => k === 'a')).toHaveLength(5);
    expect(drawn.filter((k) => k === 'c')).toHaveLength(17);
    expect(drawn).not.toContain('b');
    expect(() => draw.next()).toThrow(/exhausted/);
  });
});
