// Text matching as Vietnamese users type: without accents, "dong" finds "Đồng", "thuy" finds "Thủy".

/** Lower case, accents removed, đ → d. */
export function fold(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
}

/** True when every word of the query appears in the text, accents and case aside. */
export function matches(text: string, query: string): boolean {
  const haystack = fold(text);
  return fold(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}
