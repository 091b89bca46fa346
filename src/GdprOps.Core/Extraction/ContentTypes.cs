using System;
using System.Collections.Generic;

namespace GdprOps.Extraction;

/// <summary>The extensions read as plain text (other formats: see ContentExtractor.FormatOf).</summary>
public static class ContentTypes
{
    private static readonly HashSet<string> TextLike = new(StringComparer.OrdinalIgnoreCase)
    {
        ".txt", ".text", ".csv", ".tsv", ".json", ".xml", ".html", ".htm", ".md", ".log", ".eml",
        ".ini", ".yaml", ".yml", ".vcf", ".ics", ".sql",
    };

    public static bool IsTextLike(string extension) => TextLike.Contains(extension);
}
