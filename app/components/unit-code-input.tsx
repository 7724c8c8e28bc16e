/** Unit codes the admin may type, offered by the browser as they type. */
export function UnitCodeList({ id, units }: { id: string; units: Array<{ code: string; name: string }> }) {
  return (
    <datalist id={id}>
      {units.map((u) => (
        <option key={u.code} value={u.code}>
          {u.name}
        </option>
      ))}
    </datalist>
  );
}
