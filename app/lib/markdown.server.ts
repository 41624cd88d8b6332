/**
 * Markdown for announcement bodies, rendered on the server. markdown-it with
 * `html: false` escapes any raw HTML, and its link validator refuses
 * javascript:, vbscript:, file: and data: URLs; we further allow only http(s)
 * and mailto links and add rel="noopener noreferrer nofollow" to them.
 */
import MarkdownIt from "markdown-it";

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
const SAFE_LINK = /^(https?:|mailto:|\/|#)/i;
md.validateLink = (url: string) => SAFE_LINK.test(url.trim());
const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx].attrSet("rel", "noopener noreferrer nofollow");
  return defaultLinkOpen(tokens, idx, options, env, self);
};
// Images are not part of an official announcement: render their alt text only.
md.renderer.rules.image = (tokens, idx) => md.utils.escapeHtml(tokens[idx].content);

/** Safe HTML for a Markdown text (for dangerouslySetInnerHTML). */
export function renderMarkdown(text: string): string {
  return md.render(text ?? "");
}

/** Plain text of a Markdown text (for PDFs, e-mails and descriptions). */
export function markdownToText(text: string): string {
  const html = md.render(text ?? "");
  return html
    .replace(/<\/(p|h[1-6]|li|blockquote|pre|tr)>/g, "\n")
    .replace(/<br\s*\/?>/g, "\n")
    .replace(/<li>/g, "• ")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
