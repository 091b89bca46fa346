using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using GdprOps.Extraction;
using GdprOps.Removal;

namespace GdprOps.Export.Package;

/// <summary>
/// The redacted copy Export-SubjectData -RedactThirdParty writes beside an item that holds other people's data: in
/// text, CSV and logs every line about someone else (no mention of the subject, data of another) is masked whole,
/// field by field in a CSV; in JSON, XML and HTML (where a masked line would break the syntax) and in Word and Excel
/// documents, the other people's details themselves. The subject's own data stays. The original stays too: the DPO
/// chooses which one to send.
/// </summary>
public static class ThirdPartyRedaction
{
    public const string Marker = "[redacted]";

    private static readonly HashSet<string> LineFormats = new(StringComparer.OrdinalIgnoreCase) { ".txt", ".csv", ".tsv", ".log", ".md" };
    private static readonly HashSet<string> SpanFormats = new(StringComparer.OrdinalIgnoreCase) { ".json", ".xml", ".html", ".htm" };

    /// <summary>Files larger than this get no redacted copy (the whole text is held in memory to write one); the review page says so.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    public static bool CanRedact(string extension) =>
        LineFormats.Contains(extension) || SpanFormats.Contains(extension) || OfficeRedactor.IsOffice(extension);

    /// <summary>The redacted bytes and how many places were masked; null bytes when the file cannot be redacted (binary, unreadable).</summary>
    public static (byte[]? Bytes, int Count) Redact(byte[] input, string extension, ThirdPartyScanner scanner)
    {
        if (OfficeRedactor.IsOffice(extension))
        {
            return OfficeRedactor.Redact(input, extension, scanner.OthersSpans, Marker);
        }

        var sniff = TextEncodingSniffer.Sniff(input.AsSpan(0, Math.Min(input.Length, 8192)));
        if (sniff.IsBinary || sniff.Encoding is null)
        {
            return (null, 0);
        }

        string text = sniff.Encoding.GetString(input, sniff.PreambleLength, input.Length - sniff.PreambleLength);
        var replacements = new List<(int Start, int End, string With)>();
        if (LineFormats.Contains(extension))
        {
            char? delimiter = extension.Equals(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : extension.Equals(".csv", StringComparison.OrdinalIgnoreCase) ? Delimiter(text) : null;
            foreach (var (start, end) in scanner.OthersLines(text))
            {
                int stop = end > start && text[end - 1] == '\r' ? end - 1 : end;
                string line = text.Substring(start, stop - start);
                replacements.Add((start, stop, delimiter is { } d ? string.Join(d.ToString(), line.Split(d).Select(_ => Marker)) : Marker));
            }
        }

        // Spans inside a masked line are already gone; the rest are masked one by one. Both lists are in text order,
        // and the output is written in one pass: linear however many rows are masked.
        // JSON and XML are read as the text their escapes stand for (a colleague's "\u002B45 20 12 34 56", "S&#248;ren"), as the
        // sweep reads them, and masked where written.
        int[]? rawAt = null;
        string read = SpanFormats.Contains(extension) ? EscapedText.Read(text, out rawAt) : text;
        int lineIndex = 0;
        var masked = replacements.ToList();
        foreach (var (spanStart, spanLength) in scanner.OthersSpans(read).OrderBy(s => s.Start))
        {
            var (start, end) = EscapedText.Written(rawAt, spanStart, spanStart + spanLength);
            int length = end - start;
            while (lineIndex < masked.Count && masked[lineIndex].End <= start)
            {
                lineIndex++;
            }

            if (lineIndex < masked.Count && masked[lineIndex].Start < start + length)
            {
                continue;
            }

            replacements.Add((start, start + length, Marker));
        }

        if (replacements.Count == 0)
        {
            return (input, 0);
        }

        var result = new StringBuilder(text.Length);
        int at = 0;
        foreach (var (start, end, with) in replacements.OrderBy(r => r.Start))
        {
            if (start < at)
            {
                continue; // overlapping spans (two detectors on one detail): the first masked it
            }

            result.Append(text, at, start - at).Append(with);
            at = end;
        }

        result.Append(text, at, text.Length - at);
        byte[] preamble = input.Take(sniff.PreambleLength).ToArray();
        return (preamble.Concat(sniff.Encoding.GetBytes(result.ToString())).ToArray(), replacements.Count);
    }

    /// <summary>The separator the CSV's first line uses most: ';' (Danish and Dutch Excel), ',' or a tab.</summary>
    private static char Delimiter(string text)
    {
        int end = text.IndexOf('\n');
        string first = end < 0 ? text : text.Substring(0, end);
        return new[] { ';', ',', '\t' }.OrderByDescending(c => first.Count(x => x == c)).First();
    }
}
