using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Audit;
using GdprOps.Detection;
using GdprOps.Model;
using GdprOps.Sources;
using GdprOps.Sweep;

namespace GdprOps.Removal;

/// <summary>
/// Erases what findings name, safely: each item is read again and must carry the same version and still match
/// the subject before it is touched, so an edited CSV can never remove someone else's data. Holds and refusals
/// are reported as Retained or Failed, never as Removed. Every item's outcome is appended to the audit log as it
/// happens, so a stopped run leaves every finished item recorded and the rest untouched.
/// </summary>
public sealed class SubjectRemover
{
    private static readonly HashSet<string> RedactableExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".txt", ".csv", ".tsv", ".json", ".xml", ".md", ".log", ".ini", ".yaml", ".yml", ".vcf", ".ics", ".sql",
    };

    private readonly RemovalOptions _options;
    private readonly IItemRemover _remover;
    private readonly IRunHost _host;
    private readonly object _auditGate = new();

    public SubjectRemover(RemovalOptions options, IItemRemover remover, IRunHost host)
    {
        _options = options;
        _remover = remover;
        _host = host;
    }

    public async Task<IReadOnlyList<RemovalResult>> RunAsync(IReadOnlyList<Finding> findings, CancellationToken cancellationToken)
    {
        var unique = findings.GroupBy(f => f.SourceKind + "|" + f.Source + "|" + f.ItemId, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var results = new List<RemovalResult>();
        int done = 0;

        void Complete(Finding finding, RemovalResult result)
        {
            result = WithHold(finding, result);
            Record(finding, result);
            lock (results)
            {
                results.Add(result);
                done++;
                _host.WriteProgress(new RunProgress(_options.Command, $"{done} of {unique.Count} items", result.Outcome, 100 * done / Math.Max(1, unique.Count)));
            }

            _host.WriteOutput(result);
        }

        // First every item is checked (version, still about the subject); redactions are written as they pass.
        var ready = new List<(Finding Finding, string Version)>();
        await ForEachAsync(unique, async finding =>
        {
            var (final, version) = await CheckAsync(finding, cancellationToken).ConfigureAwait(false);
            if (final is not null)
            {
                Complete(finding, final);
            }
            else
            {
                lock (ready)
                {
                    ready.Add((finding, version!));
                }
            }
        }, cancellationToken).ConfigureAwait(false);

        // Then the verified items go: in bulk where the connector can ($batch for mail), one by one elsewhere.
        var single = ready;
        if (_remover is IBatchItemRemover bulk)
        {
            var batchable = ready.Where(r => bulk.CanBatch(r.Finding, _options.Mode)).ToList();
            single = ready.Except(batchable).ToList();
            await bulk.RemoveManyAsync(batchable, _options.Mode, Complete, cancellationToken).ConfigureAwait(false);
        }

        await ForEachAsync(single, async item =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            Complete(item.Finding, await RemoveOneAsync(item.Finding, item.Version, cancellationToken).ConfigureAwait(false));
        }, cancellationToken).ConfigureAwait(false);
        _host.WriteProgress(new RunProgress(_options.Command, "done", null, 100, Completed: true));
        return results;
    }

    /// <summary>Mail removed from a mailbox on hold is still kept by Exchange: say Retained, never Removed.</summary>
    private RemovalResult WithHold(Finding finding, RemovalResult result)
    {
        if (finding.SourceKind == SourceKind.Mailbox && _options.MailboxesOnHold.Contains(finding.Source)
            && result.Outcome is RemovalOutcome.Removed or RemovalOutcome.SoftDeleted)
        {
            result.Outcome = RemovalOutcome.Retained;
            result.Detail = "Removed from the mailbox, but the mailbox is on hold: Exchange keeps a copy in Recoverable Items until the hold ends.";
            result.RecoverableUntil = null;
        }

        return result;
    }

    private async Task ForEachAsync<T>(IEnumerable<T> items, Func<T, Task> action, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(Math.Max(1, _options.ThrottleLimit));
        var tasks = items.Select(async item =>
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await action(item).ConfigureAwait(false);
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private async Task<RemovalResult> RemoveOneAsync(Finding finding, string version, CancellationToken cancellationToken)
    {
        try
        {
            return await _remover.RemoveAsync(finding, _options.Mode, version, cancellationToken).ConfigureAwait(false);
        }
        catch (SourceItemException ex) when (ex.Kind == ErrorKind.NotFound && ex.ErrorId != ErrorIds.NotConnected)
        {
            return RemovalResult.For(finding, _options.Mode, RemovalOutcome.AlreadyGone, "The item no longer exists.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or GdprOpsException)
        {
            return RemovalResult.For(finding, _options.Mode, RemovalOutcome.Failed, ex.Message);
        }
    }

    /// <summary>Checks one item; a final result when it is settled here (skipped, gone, failed, redacted), else the verified version.</summary>
    private async Task<(RemovalResult? Final, string? Version)> CheckAsync(Finding finding, CancellationToken cancellationToken)
    {
        var mode = _options.Mode;
        if (string.IsNullOrEmpty(finding.Version))
        {
            return (RemovalResult.For(finding, mode, RemovalOutcome.SkippedChanged, "The finding has no version to compare with: sweep again and remove from the new findings."), null);
        }

        if (mode == RemovalMode.Redact && finding.SourceKind == SourceKind.Mailbox)
        {
            return (RemovalResult.For(finding, mode, RemovalOutcome.Failed, "Mail cannot be edited through Microsoft Graph, so it cannot be redacted: use -Mode Delete or Purge."), null);
        }

        try
        {
            string? current = await _remover.CurrentVersionAsync(finding, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return (RemovalResult.For(finding, mode, RemovalOutcome.AlreadyGone, "The item no longer exists."), null);
            }

            if (!SameVersion(current, finding.Version!))
            {
                return (RemovalResult.For(finding, mode, RemovalOutcome.SkippedChanged, "The item changed since it was found (its version differs): sweep again before removing it."), null);
            }

            string? redacted = null;
            byte[]? replacement = null;
            using (var content = await _remover.OpenAsync(finding, cancellationToken).ConfigureAwait(false))
            {
                if (mode == RemovalMode.Redact)
                {
                    (replacement, redacted) = Redact(finding, content);
                    if (replacement is null)
                    {
                        return (RemovalResult.For(finding, mode, redacted == RemovalOutcome.SkippedNoLongerMatches ? RemovalOutcome.SkippedNoLongerMatches : RemovalOutcome.Failed,
                            redacted == RemovalOutcome.SkippedNoLongerMatches ? "The item no longer mentions the subject." : redacted!), null);
                    }
                }
                else if (!await StillMatchesAsync(finding, content, cancellationToken).ConfigureAwait(false))
                {
                    return (RemovalResult.For(finding, mode, RemovalOutcome.SkippedNoLongerMatches, "The item no longer mentions the subject: it was left alone."), null);
                }
            }

            if (replacement is not null)
            {
                // Write only what no longer mentions the person (an occurrence in a place the redactor cannot reach stops it).
                using (var check = new MemoryStream(replacement))
                {
                    if (await StillMatchesAsync(finding, check, cancellationToken, includeName: false).ConfigureAwait(false))
                    {
                        return (RemovalResult.For(finding, mode, RemovalOutcome.Failed, "Not every occurrence could be redacted (for example inside an embedded object); the item was left unchanged: delete it instead."), null);
                    }
                }

                using var stream = new MemoryStream(replacement);
                var result = await _remover.ReplaceAsync(finding, stream, current, cancellationToken).ConfigureAwait(false);
                result.Detail = redacted + " " + result.Detail;
                return (result, null);
            }

            return (null, current);
        }
        catch (SourceItemException ex) when (ex.Kind == ErrorKind.NotFound && ex.ErrorId != ErrorIds.NotConnected)
        {
            return (RemovalResult.For(finding, mode, RemovalOutcome.AlreadyGone, "The item no longer exists."), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or GdprOpsException)
        {
            return (RemovalResult.For(finding, mode, RemovalOutcome.Failed, ex.Message), null);
        }
    }

    /// <summary>ETags come quoted from some calls and bare from others (blob listings): compare them without quotes.</summary>
    /// <summary>Versions compare without the quotes some services put around ETags and others leave off.</summary>
    internal static bool SameVersion(string current, string recorded) =>
        string.Equals(current.Trim('"'), recorded.Trim('"'), StringComparison.Ordinal);

    private async Task<bool> StillMatchesAsync(Finding finding, Stream content, CancellationToken cancellationToken, bool includeName = true)
    {
        var item = new SourceItem
        {
            SourceKind = finding.SourceKind,
            Source = finding.Source,
            Location = finding.Location,
            ItemId = finding.ItemId,
            ItemName = includeName ? finding.ItemName : string.Empty,
            ItemUri = finding.ItemUri,
            Version = finding.Version,
            Extension = finding.SourceKind == SourceKind.Mailbox ? ".eml" : Path.GetExtension(finding.ItemName.Length > 0 ? finding.ItemName : finding.ItemId).ToLowerInvariant(),
        };
        var scanner = new ItemScanner(new SweepOptions(_options.Subject, Array.Empty<IItemSource>()) { MinimumConfidence = Confidence.Low });
        var (outcome, found, _) = await scanner.ScanAsync(new OpenedSource(content), item, cancellationToken).ConfigureAwait(false);
        return outcome == ItemScanner.Outcome.Match && found is not null && found.SubjectMatches.Length > 0;
    }

    /// <summary>The redacted bytes and a description, or null bytes and the reason it cannot be redacted.</summary>
    private (byte[]? Bytes, string Description) Redact(Finding finding, Stream content)
    {
        string extension = Path.GetExtension(finding.ItemName.Length > 0 ? finding.ItemName : finding.ItemId);
        if (extension.Equals(".docx", StringComparison.OrdinalIgnoreCase) || extension.Equals(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            using var office = new MemoryStream();
            content.CopyTo(office);
            var (redactedOffice, replaced) = OfficeRedactor.Redact(office.ToArray(), extension, new SubjectMatcher(_options.Subject), _options.Marker);
            return replaced == 0 || redactedOffice is null
                ? (null, RemovalOutcome.SkippedNoLongerMatches)
                : (redactedOffice, $"{replaced} occurrence(s) replaced with {_options.Marker}.");
        }

        if (!RedactableExtensions.Contains(extension))
        {
            return (null, $"Redaction is supported for text, CSV, TSV, DOCX and XLSX files, not '{extension}' items: use -Mode Delete or Purge for them.");
        }

        using var buffer = new MemoryStream();
        content.CopyTo(buffer);
        byte[] bytes = buffer.ToArray();
        bool bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0));
        }
        catch (DecoderFallbackException)
        {
            return (null, "Only UTF-8 text can be redacted without changing the rest of the file.");
        }

        var matches = new SubjectMatcher(_options.Subject).Match(text).OrderByDescending(m => m.Start).ToList();
        if (matches.Count == 0)
        {
            return (null, RemovalOutcome.SkippedNoLongerMatches);
        }

        var builder = new StringBuilder(text);
        int last = int.MaxValue;
        foreach (var match in matches.Where(m => m.Start + m.Length <= text.Length))
        {
            if (match.Start + match.Length > last)
            {
                continue;
            }

            builder.Remove(match.Start, match.Length).Insert(match.Start, _options.Marker);
            last = match.Start;
        }

        byte[] body = Encoding.UTF8.GetBytes(builder.ToString());
        byte[] result = bom ? new byte[] { 0xEF, 0xBB, 0xBF }.Concat(body).ToArray() : body;
        return (result, $"{matches.Count} occurrence(s) replaced with {_options.Marker}.");
    }

    private void Record(Finding finding, RemovalResult result)
    {
        if (_options.AuditLog is null)
        {
            return;
        }

        lock (_auditGate)
        {
            _options.AuditLog.Append(new AuditEntry
            {
                Action = "Removal",
                Command = _options.Command,
                CaseId = finding.CaseId,
                SignedInAs = _options.Operator,
                SubjectIdentifiers = _options.Subject.GetIdentifiers().Select(i => i.Kind + ":" + i.Value).ToList(),
                // Item ids of files are paths, which can name people: only their hash is logged.
                Scope = $"{finding.SourceKind} {finding.Source} item:{ShortHash(finding.ItemId)} mode:{result.Mode}",
                Counts = new Dictionary<string, long> { ["items"] = 1 },
                Outcome = result.Outcome,
            });
        }
    }

    private static string ShortHash(string value)
    {
        using var sha = SHA256.Create();
        return string.Concat(sha.ComputeHash(Encoding.UTF8.GetBytes(value)).Take(8).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>Lets the scanner read a stream that is already open.</summary>
    private sealed class OpenedSource : IItemSource
    {
        private readonly Stream _content;

        public OpenedSource(Stream content) => _content = content;

        public string DisplayName => "item";

        public async IAsyncEnumerable<SourceItem> EnumerateAsync(IRunHost host, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.CompletedTask.ConfigureAwait(false);
            yield break;
        }

        public Task<Stream> OpenReadAsync(SourceItem item, CancellationToken cancellationToken) => Task.FromResult<Stream>(new NonClosingStream(_content));
    }

    /// <summary>The scanner disposes what it opens; the remover still owns the underlying stream.</summary>
    private sealed class NonClosingStream : Stream
    {
        private readonly Stream _inner;

        public NonClosingStream(Stream inner) => _inner = inner;

        public override bool CanRead => _inner.CanRead;

        public override bool CanSeek => _inner.CanSeek;

        public override bool CanWrite => false;

        public override long Length => _inner.Length;

        public override long Position { get => _inner.Position; set => _inner.Position = value; }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
