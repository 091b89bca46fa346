using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace GdprOps.GraphSimulator.Http;

/// <summary>One Graph request, top-level or inside $batch, with its path below /v1.0 split into segments.</summary>
public sealed class GraphRequest
{
    public required string Method { get; init; }

    /// <summary>Unescaped path segments below /v1.0.</summary>
    public required string[] Segments { get; init; }

    /// <summary>Query options, unescaped, keys case-insensitive ("$top" and "$TOP" are the same option).</summary>
    public required IReadOnlyDictionary<string, string> Query { get; init; }

    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    public JsonNode? Json { get; init; }

    public byte[] Body { get; init; } = Array.Empty<byte>();

    public bool InBatch { get; init; }

    /// <summary>The path below /v1.0 as received (for nextLinks and the log).</summary>
    public required string Path { get; init; }

    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;

    public string? Option(string name) => Query.TryGetValue(name, out string? value) ? value : null;

    /// <summary>True when a Prefer header carries the given preference (case-insensitive, quotes ignored).</summary>
    public bool Prefers(string preference)
    {
        string? prefer = Header("Prefer");
        return prefer is not null && prefer.Replace("\"", string.Empty, StringComparison.Ordinal)
            .Contains(preference.Replace("\"", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The value of a Prefer preference such as odata.maxpagesize=50, or null.</summary>
    public string? Preference(string name)
    {
        string? prefer = Header("Prefer");
        if (prefer is null)
        {
            return null;
        }

        foreach (string part in prefer.Split(','))
        {
            var pair = part.Split('=', 2);
            if (pair.Length == 2 && string.Equals(pair[0].Trim(), name, StringComparison.OrdinalIgnoreCase))
            {
                return pair[1].Trim().Trim('"');
            }
        }

        return null;
    }
}
