using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Detection;
using GdprOps.Extraction;
using GdprOps.Model;
using GdprOps.Sources;

namespace GdprOps.Sweep;

/// <summary>Reads one item through its source and matches the subject in its name and content.</summary>
public sealed class ItemScanner
{
    private const int SniffBytes = 8192;

    private readonly SubjectMatcher _matcher;
    private readonly SweepOptions _options;

    public ItemScanner(SubjectMatcher matcher, SweepOptions options)
    {
        _matcher = matcher;
        _options = options;
    }

    /// <summary>What scanning one item gave.</summary>
    public enum Outcome
    {
        NoMatch,
        Match,
        NotScanned,
        Unsupported,
    }

    public async Task<(Outcome Outcome, Finding? Finding, long Bytes)> ScanAsync(IItemSource source, SourceItem item, CancellationToken cancellationToken)
    {
        var matches = new MatchAccumulator();
        matches.Add("FileName", _matcher.Match(item.ItemName));

        if (!ContentTypes.IsTextLike(item.Extension))
        {
            return Result(item, matches, Outcome.Unsupported, "Type not read: " + Describe(item.Extension), 0);
        }

        if (item.SizeBytes > _options.MaxItemBytes)
        {
            return Result(item, matches, Outcome.NotScanned, $"Larger than the size limit ({_options.MaxItemBytes} bytes)", 0);
        }

        using var stream = await source.OpenReadAsync(item, cancellationToken).ConfigureAwait(false);
        var head = new byte[SniffBytes];
        int headLength = await ReadFullyAsync(stream, head, cancellationToken).ConfigureAwait(false);
        var sniff = TextEncodingSniffer.Sniff(head.AsSpan(0, headLength));
        if (sniff.IsBinary)
        {
            return Result(item, matches, Outcome.NotScanned, "Binary content in a text-type file", headLength);
        }

        var content = new PrefixedStream(head, sniff.PreambleLength, headLength, stream);
        long bytes = 0;
        using (var reader = new TextChunkReader(content, sniff.Encoding!))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) is { } chunk)
            {
                matches.Add("Body", _matcher.Match(chunk.Text), chunk.Offset);
            }

            bytes = content.BytesRead;
        }

        return matches.IsEmpty
            ? (Outcome.NoMatch, null, bytes)
            : (Outcome.Match, ToFinding(item, matches, ScanStatus.Scanned, null), bytes);
    }

    private (Outcome, Finding?, long) Result(SourceItem item, MatchAccumulator matches, Outcome unread, string reason, long bytes)
    {
        // A name match in an unreadable item is still a finding, marked Partial: the content was not read.
        if (!matches.IsEmpty)
        {
            return (Outcome.Match, ToFinding(item, matches, ScanStatus.Partial, reason), bytes);
        }

        bool report = unread == Outcome.NotScanned || _options.IncludeUnscanned;
        return (unread, report ? ToFinding(item, matches, ScanStatus.NotScanned, reason) : null, bytes);
    }

    private Finding ToFinding(SourceItem item, MatchAccumulator matches, ScanStatus status, string? reason) => new()
    {
        SourceKind = item.SourceKind,
        Source = item.Source,
        Location = item.Location,
        ItemId = item.ItemId,
        ItemName = item.ItemName,
        ItemUri = item.ItemUri,
        Version = item.Version,
        Owner = item.Owner,
        Created = item.Created,
        Modified = item.Modified,
        SizeBytes = item.SizeBytes,
        CaseId = _options.Subject.CaseId,
        SubjectMatches = matches.SubjectMatches,
        Categories = matches.Categories,
        Confidence = matches.IsEmpty ? null : matches.Confidence,
        MatchCount = matches.MatchCount,
        Evidence = matches.Evidence,
        Where = matches.Where,
        Status = status,
        StatusReason = reason,
    };

    private static string Describe(string extension) => extension.Length == 0 ? "(no extension)" : extension;

    private static async Task<int> ReadFullyAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int read = await stream.ReadAsync(buffer, total, buffer.Length - total, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
