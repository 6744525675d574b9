/**
 * One value per object, made the first time it is asked for and gone with the object: the state a
 * process keeps per database handle or per app (kept policies, verified keys, cursor memory, the
 * live-turn writer) without a registry to clean up.
 */
export function perObject<K extends object, V>(make: (owner: K) => V): (owner: K) => V {
  const values = new WeakMap<K, V>();
  return (owner) => {
    let value = values.get(owner);
    if (value === undefined) values.set(owner, (value = make(owner)));
    return value;
  };
}
