using System;

namespace GdprOps.Sources.FileSystem;

/// <summary>A * and ? wildcard, matched case-insensitively (file shares are, mostly).</summary>
internal sealed class WildcardPattern
{
    private readonly string _pattern;

    public WildcardPattern(string pattern)
    {
        _pattern = pattern.Replace('\\', '/');
        AppliesToPath = _pattern.IndexOf('/') >= 0;
    }

    /// <summary>Patterns with a slash match the relative path; others match the name.</summary>
    public bool AppliesToPath { get; }

    public bool IsMatch(string name, string relativePath) => Match(_pattern, AppliesToPath ? relativePath.Replace('\\', '/') : name);

    private static bool Match(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || char.ToUpperInvariant(pattern[p]) == char.ToUpperInvariant(text[t])))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
