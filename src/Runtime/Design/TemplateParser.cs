using System.Text;

namespace ItemEval.Runtime.Design;

/// <summary>
/// Splits template text into literals and placeholders, brace-safely. A placeholder is <c>{name}</c> or
/// <c>{metadata.name}</c> with name an identifier, not directly after a LaTeX command (<c>\mathbf{x}</c>), <c>^</c> or
/// <c>_</c>. Everything else — JSON, <c>\frac{1}{2}</c>, code — stays as written; <c>{{</c> and <c>}}</c> are literal braces.
/// </summary>
public static class TemplateParser
{
    public static IReadOnlyList<TemplateSegment> Parse(string text)
    {
        var segments = new List<TemplateSegment>();
        var literal = new StringBuilder();
        int line = 1, column = 1, i = 0;
        while (i < text.Length)
        {
            if (text[i] == '{' && i + 1 < text.Length && text[i + 1] == '{')
            {
                literal.Append('{');
                Advance(2);
                continue;
            }

            if (text[i] == '}' && i + 1 < text.Length && text[i + 1] == '}')
            {
                literal.Append('}');
                Advance(2);
                continue;
            }

            if (text[i] == '{' && TryPlaceholder(text, i, out var name, out var length) && !AfterLatexCommand(text, i))
            {
                segments.Add(new TemplateSegment(literal.ToString(), null, 0, 0));
                literal.Clear();
                segments.Add(new TemplateSegment(text.Substring(i, length), name, line, column));
                Advance(length);
                continue;
            }

            literal.Append(text[i]);
            Advance(1);
        }

        segments.Add(new TemplateSegment(literal.ToString(), null, 0, 0));
        return segments.Where(segment => segment.Placeholder is not null || segment.Text.Length > 0).ToList();

        void Advance(int count)
        {
            for (var k = 0; k < count; k++, i++)
            {
                if (text[i] == '\n')
                {
                    line++;
                    column = 1;
                }
                else
                {
                    column++;
                }
            }
        }
    }

    private static bool TryPlaceholder(string text, int start, out string name, out int length)
    {
        name = "";
        length = 0;
        var end = text.IndexOf('}', start + 1);
        if (end < 0)
        {
            return false;
        }

        var candidate = text[(start + 1)..end];
        var parts = candidate.Split('.');
        if (parts.Length > 2 || parts.Any(part => !IsIdentifier(part)) || (parts.Length == 2 && parts[0] != "metadata"))
        {
            return false;
        }

        name = candidate;
        length = end - start + 1;
        return true;
    }

    private static bool IsIdentifier(string part) =>
        part.Length > 0 && (char.IsAsciiLetter(part[0]) || part[0] == '_') && part.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>True after <c>\command</c>, <c>^</c> or <c>_</c>: LaTeX arguments, not placeholders.</summary>
    private static bool AfterLatexCommand(string text, int brace)
    {
        if (brace == 0)
        {
            return false;
        }

        if (text[brace - 1] is '^' or '_')
        {
            return true;
        }

        var j = brace - 1;
        while (j >= 0 && char.IsAsciiLetter(text[j]))
        {
            j--;
        }

        return j >= 0 && j < brace - 1 && text[j] == '\\';
    }
}
