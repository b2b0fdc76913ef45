// What `kohtaamo faq` takes, printed by --help and after a wrong argument.
export const FAQ_USAGE = `Usage:
  kohtaamo faq validate FILE [--all]   check a FAQ file; exit 1 and list every problem; warnings
                                       are grouped by kind, the first 20 of each unless --all
  kohtaamo faq convert FILE NEW_FILE   the same FAQ in the other format: JSON, or Markdown
                                       when the name ends in .md (# question, fields, answer)
  kohtaamo faq search [--faq FILE] [--lang fi|en] [--option NAME=VALUE ...] [QUERY ...]
                                       read queries (one per line) from stdin, write JSON lines;
                                       --option tries the tuning serve's --faq-option would use
                                       (without it, KOHTAAMO_FAQ_OPTIONS, as serve reads it);
                                       without --faq (or KOHTAAMO_FAQ) these read the demo's FAQ
  kohtaamo faq explain [same options] [QUERY ...]
                                       the same decisions, with each word's weight and the
                                       entries it matched: what to add to a FAQ's keywords
  kohtaamo faq gaps [--faq FILE] [--data DIR] [--top 20] [--option NAME=VALUE ...] [--write NEW_FILE | --json]
                                       where the FAQ failed visitors who then asked for a person:
                                       answers they said did not help, and the words of their
                                       unsettled questions that no entry has; --write saves a copy
                                       of the FAQ (JSON, or Markdown for .md) with the words agents'
                                       FAQ matches agree on added to keywords, for you to review
                                       and serve; --json prints
                                       the whole report as one JSON object instead
`;
