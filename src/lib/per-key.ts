/**
 * One value per string key, made the first time it is asked for and kept, all forgotten at once
 * when `max` are kept: for answers about words and chunks of text, whose vocabulary repeats from
 * one turn to the next, so the hot loop that asks pays a lookup instead of the work.
 */
export function perKey<V>(make: (key: string) => V, max: number): (key: string) => V {
  const values = new Map<string, V>();
  return (key) => {
    let value = values.get(key);
    if (value === undefined) {
      value = make(key);
      if (values.size >= max) values.clear();
      values.set(key, value);
    }
    return value;
  };
}
