using System;
using System.Text;
using System.Text.RegularExpressions;

namespace GdprOps.Sources.FileSystem;

/// <summary>
/// A file wildcard, matched case-insensitively (file shares are, mostly). On a name, * and ? match any
/// characters. A pattern with a slash matches the path relative to the root, where * and ? stay inside one
/// folder and ** crosses folders (HR/*.txt, HR/**/*.txt).
/// </summary>
internal sealed class WildcardPattern
{
#if NET
    // The engine below is linear, so no budget is needed; a wall-clock one would only fire on a thread that lost the CPU.
    private static readonly TimeSpan Timeout = Regex.InfiniteMatchTimeout;
#else
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);
#endif
    private readonly Regex _regex;

    public WildcardPattern(string pattern)
    {
        string normalised = pattern.Replace('\\', '/').Trim('/');
        AppliesToPath = normalised.IndexOf('/') >= 0;
        var regex = new StringBuilder("^");
        for (int i = 0; i < normalised.Length; i++)
        {
            char c = normalised[i];
            if (c == '*' && i + 1 < normalised.Length && normalised[i + 1] == '*')
            {
                regex.Append(".*");
                i++;
            }
            else if (c == '*')
            {
                regex.Append(AppliesToPath ? "[^/]*" : ".*");
            }
            else if (c == '?')
            {
                regex.Append(AppliesToPath ? "[^/]" : ".");
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        // A glob like "*a*a*a*b" backtracks badly on long names; modern .NET matches it in linear time instead.
        var options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline;
#if NET
        options |= RegexOptions.NonBacktracking;
#endif
        _regex = new Regex(regex.Append('$').ToString(), options, Timeout);
    }

    /// <summary>Patterns with a slash match the relative path; others match the name.</summary>
    public bool AppliesToPath { get; }

    public bool IsMatch(string name, string relativePath) => _regex.IsMatch(AppliesToPath ? relativePath.Replace('\\', '/') : name);
}
