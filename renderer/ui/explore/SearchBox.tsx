// The search box in the bar: a ward, a place, a supplier or a postcode, and the map goes there.

import { useId, useState } from 'react';
import { useApp } from '../../store/context';
import type { SearchResult } from '../../engine/contract';

const KIND_LABEL: Record<SearchResult['kind'], string> = { ward: 'Ward', place: 'Place', supplier: 'Supplier', postcode: 'Postcode' };

export function SearchBox() {
  const results = useApp((s) => s.searchResults);
  const search = useApp((s) => s.search);
  const choose = useApp((s) => s.chooseSearchResult);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const id = useId();
  const pick = (r: SearchResult) => {
    setOpen(false);
    setText(r.label);
    void choose(r);
  };
  const shown = open && text.trim().length >= 2;
  return (
    <div className="search-box" role="search">
      <input
        type="search"
        role="combobox"
        aria-label="Search for a ward, place, supplier or postcode"
        aria-expanded={shown && results.length > 0}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={shown && results[active] ? `${id}-${active}` : undefined}
        placeholder="Search ward, place, supplier, postcode"
        value={text}
        data-testid="search"
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(0);
          void search(e.target.value);
        }}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(results.length - 1, a + 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(0, a - 1));
          } else if (e.key === 'Enter' && results[active]) {
            e.preventDefault();
            pick(results[active]);
          } else if (e.key === 'Escape') {
            setOpen(false);
          }
        }}
      />
      {shown && (
        <ul id={`${id}-list`} role="listbox" className="search-results panel" aria-label="Search results" data-testid="search-results">
          {results.length === 0 ? (
            <li className="muted" role="option" aria-selected={false} aria-disabled>
              Nothing found for “{text.trim()}”
            </li>
          ) : (
            results.map((r, i) => (
              <li
                key={`${r.kind}:${r.label}:${i}`}
                id={`${id}-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'active' : ''}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(r);
                }}
                data-testid="search-result"
              >
                <span className="search-kind">{KIND_LABEL[r.kind]}</span>
                <span className="search-label">{r.label}</span>
                <span className="muted small">{r.detail}</span>
              </li>
            ))
          )}
        </ul>
      )}
    </div>
  );
}
