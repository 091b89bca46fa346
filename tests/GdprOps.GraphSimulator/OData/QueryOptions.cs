using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using GdprOps.GraphSimulator.Http;

namespace GdprOps.GraphSimulator.OData;

/// <summary>Shared handling of $select, $top, $skip, $orderby and paging links.</summary>
public static class QueryOptions
{
    /// <summary>$top within [1, max], or the default page size.</summary>
    public static int Top(GraphRequest request, int defaultSize, int max)
    {
        string? text = request.Option("$top");
        if (text is null)
        {
            return defaultSize;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int top) || top < 1 || top > max)
        {
            throw GraphException.BadRequest($"Invalid value '{text}' for $top: it must be between 1 and {max}.", "ErrorInvalidArgument");
        }

        return top;
    }

    public static int Skip(GraphRequest request)
    {
        string? text = request.Option("$skip");
        if (text is null)
        {
            return 0;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int skip) || skip < 0)
        {
            throw GraphException.BadRequest($"Invalid value '{text}' for $skip.", "ErrorInvalidArgument");
        }

        return skip;
    }

    /// <summary>The selected properties (validated against <paramref name="known"/>), or null for the default set.</summary>
    public static HashSet<string>? Select(GraphRequest request, ISet<string> known, string typeName)
    {
        string? text = request.Option("$select");
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var selected = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "id" };
        foreach (string raw in text.Split(','))
        {
            string name = raw.Trim();
            if (!known.Contains(name))
            {
                throw GraphException.BadRequest($"Could not find a property named '{name}' on type 'microsoft.graph.{typeName}'.", "RequestBroker--ParseUri");
            }

            selected.Add(name);
        }

        return selected;
    }

    /// <summary>Keeps the selected properties (and OData annotations) of a full JSON object.</summary>
    public static JsonObject Project(JsonObject full, HashSet<string>? selected)
    {
        if (selected is null)
        {
            return full;
        }

        var projected = new JsonObject();
        foreach (var (name, value) in full.ToList())
        {
            if (name.StartsWith('@') || selected.Contains(name))
            {
                full.Remove(name);
                projected[name] = value;
            }
        }

        return projected;
    }

    /// <summary>Parses "$orderby=a desc,b" into (property, descending) pairs.</summary>
    public static IReadOnlyList<(string Property, bool Descending)> OrderBy(GraphRequest request, ISet<string> sortable)
    {
        string? text = request.Option("$orderby");
        if (string.IsNullOrWhiteSpace(text))
        {
            return Array.Empty<(string, bool)>();
        }

        var keys = new List<(string, bool)>();
        foreach (string clause in text.Split(','))
        {
            var parts = clause.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length is 0 or > 2 || !sortable.Contains(parts[0])
                || (parts.Length == 2 && !parts[1].Equals("asc", StringComparison.OrdinalIgnoreCase) && !parts[1].Equals("desc", StringComparison.OrdinalIgnoreCase)))
            {
                throw GraphException.BadRequest($"Invalid $orderby clause '{clause.Trim()}'.", "ErrorInvalidUrlQuery");
            }

            keys.Add((parts[0], parts.Length == 2 && parts[1].Equals("desc", StringComparison.OrdinalIgnoreCase)));
        }

        return keys;
    }

    /// <summary>
    /// Outlook's rule for $filter with $orderby: the ordered properties must appear in the filter, first and in the
    /// same order; otherwise 400 InefficientFilter.
    /// </summary>
    public static void CheckFilterOrder(FilterExpression? filter, IReadOnlyList<(string Property, bool Descending)> order)
    {
        if (filter is null || order.Count == 0)
        {
            return;
        }

        for (int i = 0; i < order.Count; i++)
        {
            if (i >= filter.Properties.Count || !filter.Properties[i].Equals(order[i].Property, StringComparison.OrdinalIgnoreCase))
            {
                throw GraphException.BadRequest("The restriction or sort order is too complex for this operation.", "InefficientFilter");
            }
        }
    }

    /// <summary>Sorts by the given keys with a stable id tiebreak.</summary>
    public static List<T> Sort<T>(IEnumerable<T> items, IReadOnlyList<(string Property, bool Descending)> order, Func<T, string, object?> value, Func<T, string> id)
    {
        var list = items.ToList();
        list.Sort((a, b) =>
        {
            foreach (var (property, descending) in order)
            {
                int c = Comparer<object?>.Default.Compare(value(a, property), value(b, property));
                if (c != 0)
                {
                    return descending ? -c : c;
                }
            }

            return string.CompareOrdinal(id(a), id(b));
        });
        return list;
    }

    /// <summary>A page of <paramref name="all"/> plus an absolute nextLink carrying a $skiptoken when more remain.</summary>
    public static JsonObject Page<T>(GraphRequest request, string baseUrl, IReadOnlyList<T> all, int offset, int size, Func<T, JsonNode> render, long? count = null)
    {
        var page = new JsonArray();
        for (int i = offset; i < Math.Min(all.Count, offset + size); i++)
        {
            page.Add(render(all[i]));
        }

        var body = new JsonObject { ["@odata.context"] = $"{baseUrl}/$metadata#{request.Segments[0]}" };
        if (count is not null)
        {
            body["@odata.count"] = count.Value;
        }

        body["value"] = page;
        if (offset + size < all.Count)
        {
            body["@odata.nextLink"] = Link(request, baseUrl, "$skiptoken", PageTokens.Encode(new JsonObject { ["o"] = offset + size }), "$skip");
        }

        return body;
    }

    /// <summary>The offset a $skiptoken (or a client $skip) points at.</summary>
    public static int Offset(GraphRequest request)
    {
        string? token = request.Option("$skiptoken");
        return token is null ? Skip(request) : (int)(PageTokens.Decode(token)["o"] ?? 0);
    }

    /// <summary>The request's own URL with one option replaced (and others dropped), absolute and escaped.</summary>
    public static string Link(GraphRequest request, string baseUrl, string option, string value, params string[] drop)
    {
        var builder = new StringBuilder(baseUrl).Append('/');
        builder.Append(string.Join('/', request.Segments.Select(EscapeSegment)));
        char separator = '?';
        foreach (var (key, existing) in request.Query)
        {
            if (key.Equals(option, StringComparison.OrdinalIgnoreCase) || drop.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            builder.Append(separator).Append(EscapeKey(key)).Append('=').Append(Uri.EscapeDataString(existing));
            separator = '&';
        }

        builder.Append(separator).Append(EscapeKey(option)).Append('=').Append(Uri.EscapeDataString(value));
        return builder.ToString();
    }

    private static string EscapeKey(string key) => Uri.EscapeDataString(key).Replace("%24", "$", StringComparison.Ordinal);

    private static string EscapeSegment(string segment) =>
        segment.EndsWith(')') || segment.StartsWith('$') ? segment : Uri.EscapeDataString(segment);
}
