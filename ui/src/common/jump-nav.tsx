/** On a phone the panels stack: links to jump between them (hidden on wide screens, where all show at once). */
export function JumpNav({ links }: { links: [id: string, label: string][] }) {
  return (
    <nav className="jump" aria-label="Sections">
      {links.map(([id, label]) => (
        <a key={id} href={`#${id}`}>
          {label}
        </a>
      ))}
    </nav>
  );
}
