using System;
using System.Collections.Generic;
using System.Linq;

namespace GdprOps.GraphSimulator.Http;

/// <summary>Splits raw request targets into segments and query options.</summary>
internal static class RequestParsing
{
    public static string[] SplitPath(string path, bool unescape) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => unescape ? Uri.UnescapeDataString(s) : s).ToArray();

    /// <summary>
    /// Parses a query string; keys are case-insensitive and the first occurrence wins. In a URL '+' means a space;
    /// in a $batch step it is literal, because the SDK has already unescaped the URL.
    /// </summary>
    public static Dictionary<string, string> ParseQuery(string query, bool plusIsSpace = true)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=');
            string key = Decode(equals < 0 ? pair : pair[..equals], plusIsSpace);
            string value = equals < 0 ? string.Empty : Decode(pair[(equals + 1)..], plusIsSpace);
            options.TryAdd(key, value);
        }

        return options;
    }

    private static string Decode(string text, bool plusIsSpace) => Uri.UnescapeDataString(plusIsSpace ? text.Replace('+', ' ') : text);
}
