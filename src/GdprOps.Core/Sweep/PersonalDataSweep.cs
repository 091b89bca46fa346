using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using GdprOps.Hosting;
using GdprOps.Model;
using GdprOps.Sources;

namespace GdprOps.Sweep;

/// <summary>
/// Runs a sweep, for one subject or in discovery mode: lists the items of every source, scans them on a bounded number of workers, and
/// reports findings, progress and per-item errors to the host. One bad item never stops the run; the
/// cancellation token stops it promptly.
/// </summary>
public sealed class PersonalDataSweep
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    private readonly SweepOptions _options;
    private readonly IRunHost _host;
    private readonly SweepSummary _summary = new();
    private readonly object _gate = new();
    private readonly Stopwatch _clock = new();
    private TimeSpan _lastProgress = -ProgressInterval;
    private string _currentSource = string.Empty;

    public PersonalDataSweep(SweepOptions options, IRunHost host)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _host = host ?? throw new ArgumentNullException(nameof(host));
    }

    public async Task<SweepSummary> RunAsync(CancellationToken cancellationToken)
    {
        _clock.Start();
        var scanner = new ItemScanner(_options);
        int workers = Math.Max(1, _options.ThrottleLimit);
        string what = _options.Subject is { } subject
            ? "Subject sweep for " + subject.Describe()
            : $"Discovery sweep for {(_options.Categories.Count == 0 ? "every category" : string.Join(", ", _options.Categories))} at {_options.MinimumConfidence} confidence or more";
        _host.WriteVerbose($"{what}: {Plural(_options.Sources.Count, "source")}, {Plural(workers, "worker")}.");

        var queue = Channel.CreateBounded<Work>(new BoundedChannelOptions(workers * 4)
        {
            SingleWriter = _options.SourceConcurrency <= 1,
            FullMode = BoundedChannelFullMode.Wait,
        });

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var consumers = Enumerable.Range(0, workers)
            .Select(_ => Task.Run(() => ConsumeOrStopAsync(scanner, queue.Reader, linked), linked.Token))
            .ToArray();
        try
        {
            await ProduceAsync(queue.Writer, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A worker failed and stopped the listing; its exception is the one to report.
        }
        finally
        {
            queue.Writer.TryComplete();
        }

        await Task.WhenAll(consumers).ConfigureAwait(false);

        _summary.Elapsed = _clock.Elapsed;
        Report(force: true, completed: true);
        ReportUnsupported();
        _host.WriteVerbose(string.Format(CultureInfo.InvariantCulture,
            "Done in {0:0.0} s: {1} seen, {2} scanned ({3:0.0} MB), {4}, {5} not scanned, {6}.",
            _summary.Elapsed.TotalSeconds, _summary.ItemsSeen, _summary.ItemsScanned, _summary.BytesScanned / 1048576.0,
            Plural(_summary.Findings, "finding"), _summary.NotScanned, Plural(_summary.Errors, "error")));
        return _summary;
    }

    private async Task ProduceAsync(ChannelWriter<Work> writer, CancellationToken cancellationToken)
    {
        var pending = new List<IItemSource>();
        foreach (var source in _options.Sources)
        {
            if (_options.Checkpoint is { } checkpoint && source is ICheckpointedSource done && checkpoint.IsDone(done.CheckpointKey))
            {
                _summary.SourcesSkipped++;
                var earlier = checkpoint.FindingsOf(done.CheckpointKey);
                _host.WriteVerbose($"Skipping {source.DisplayName}: finished in an earlier run (checkpoint {checkpoint.Path}); its {earlier?.Count ?? 0} finding(s) are given again.");
                if (earlier is null)
                {
                    _host.WriteWarning($"{source.DisplayName} was finished by an older version of GdprOps, whose checkpoint kept no findings: they are not in this run's output. Delete the checkpoint to sweep it again.");
                }

                foreach (var finding in earlier ?? Array.Empty<Finding>())
                {
                    lock (_gate)
                    {
                        _summary.Findings += finding.Status == ScanStatus.NotScanned ? 0 : 1;
                    }

                    _host.WriteOutput(finding);
                }

                continue;
            }

            pending.Add(source);
        }

        lock (_gate)
        {
            _summary.Sources = _options.Sources.Count;
            _summary.SourcesDone = _summary.SourcesSkipped;
        }

        using var slots = new SemaphoreSlim(Math.Max(1, _options.SourceConcurrency));
        var listings = pending.Select(async source =>
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await ListAsync(source, writer, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        await Task.WhenAll(listings).ConfigureAwait(false);
    }

    /// <summary>Lists one source. A source that cannot be listed (a mailbox the app may not read) is that source's error; the run goes on.</summary>
    private async Task ListAsync(IItemSource source, ChannelWriter<Work> writer, CancellationToken cancellationToken)
    {
        var state = new SourceState(source, _options.MaxItemsInFlightPerSource);
        _currentSource = source.DisplayName;
        _host.WriteVerbose("Listing " + source.DisplayName);
        // What the connector reports it could not list (a folder, an entry) is also a NotScanned row of the report.
        var described = source as IDescribedSource;
        var host = described is null ? _host : new ErrorTappingHost(_host, error => WriteUnread(Unlisted(described, error), state));
        try
        {
            await foreach (var item in source.EnumerateAsync(host, cancellationToken).ConfigureAwait(false))
            {
                if (state.Slots is { } slots)
                {
                    await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                }

                Interlocked.Increment(ref state.Outstanding);
                await writer.WriteAsync(new Work(source, item, state), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            ListingFailed(described, ItemErrors.FromException(ex, source.DisplayName), state);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // A connector failing in a way nobody translated is still this source's error, never the end of the run:
            // the other sources' findings must reach the report. Only the type is shown (a message may hold a URL).
            ListingFailed(described, new ItemError(ErrorIds.SourceFailed, ErrorKind.ReadError, source.DisplayName,
                $"The source could not be listed ({ex.GetType().Name}); the rest of the sweep went on.", ex), state);
        }

        Finish(state);
    }

    /// <summary>
    /// A source whose listing failed: its error, and a NotScanned row when it can name itself (what it had listed before
    /// was swept, the rest was not). It is not checkpointed, so a resumed run lists it again.
    /// </summary>
    private void ListingFailed(IDescribedSource? described, ItemError error, SourceState state)
    {
        state.Failed = true;
        lock (_gate)
        {
            _summary.Errors++;
        }

        _host.WriteItemError(error);
        if (described is not null)
        {
            WriteUnread(Unlisted(described, error), state);
        }
    }

    /// <summary>
    /// The row for a source, or the part of it, that was not listed: the source's kind and name, and as ItemId what the
    /// error names (the mailbox, the folder's path), so the row and the error line match and two parts stay two rows.
    /// </summary>
    private Finding Unlisted(IDescribedSource source, ItemError error)
    {
        var finding = source.Describe().ToFinding();
        finding.ItemId = error.Target;
        if (Path.IsPathRooted(error.Target))
        {
            finding.ItemUri = error.Target;
        }

        return Unread(finding, error, listing: true);
    }

    private Finding Unread(Finding finding, ItemError error, bool listing)
    {
        finding.CaseId = _options.Subject?.CaseId;
        finding.Status = ScanStatus.NotScanned;
        finding.StatusReason = (listing ? "Not listed, so not searched: " : "Not read: ") + error.Message + " (" + error.ErrorId + ")";
        return finding;
    }

    /// <summary>A row for what could not be read: counted, kept with the source's findings for a resumed run, and written.</summary>
    private void WriteUnread(Finding finding, SourceState state)
    {
        lock (_gate)
        {
            _summary.NotScanned++;
        }

        if (_options.Checkpoint is not null)
        {
            lock (state.Findings)
            {
                state.Findings.Add(finding);
            }
        }

        _host.WriteOutput(finding);
    }

    /// <summary>Counts a listing or an item as done; the last one marks the source finished (and checkpoints it when nothing failed).</summary>
    private void Finish(SourceState state)
    {
        if (Interlocked.Decrement(ref state.Outstanding) != 0)
        {
            return;
        }

        lock (_gate)
        {
            _summary.SourcesDone++;
        }

        if (!state.Failed && _options.Checkpoint is { } checkpoint && state.Source is ICheckpointedSource done)
        {
            // Recorded together with its findings, so a source never counts as done while its findings could be lost.
            List<Finding> findings;
            lock (state.Findings)
            {
                findings = state.Findings.ToList();
            }

            checkpoint.MarkDone(done.CheckpointKey, findings);
        }
    }

    /// <summary>A worker that fails for an unexpected reason stops the listing, so nothing waits on a queue no one reads.</summary>
    private async Task ConsumeOrStopAsync(ItemScanner scanner, ChannelReader<Work> reader, CancellationTokenSource stop)
    {
        try
        {
            await ConsumeAsync(scanner, reader, stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            stop.Cancel();
            throw;
        }
    }

    private async Task ConsumeAsync(ItemScanner scanner, ChannelReader<Work> reader, CancellationToken cancellationToken)
    {
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out var work))
            {
                cancellationToken.ThrowIfCancellationRequested();
                bool ok = await ScanOneAsync(scanner, work.Source, work.Item, work.State, cancellationToken).ConfigureAwait(false);
                work.State.Failed |= !ok;
                work.State.Slots?.Release();
                Finish(work.State);
            }
        }
    }

    /// <summary>Scans one item; false when it failed (its error is reported).</summary>
    private async Task<bool> ScanOneAsync(ItemScanner scanner, IItemSource source, SourceItem item, SourceState state, CancellationToken cancellationToken)
    {
        bool ok = true;
        try
        {
            var (outcome, finding, bytes) = await scanner.ScanAsync(source, item, cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                _summary.ItemsSeen++;
                _summary.BytesScanned += bytes;
                switch (outcome)
                {
                    case ItemScanner.Outcome.Match:
                    case ItemScanner.Outcome.NoMatch:
                        _summary.ItemsScanned++;
                        break;
                    case ItemScanner.Outcome.NotScanned:
                        _summary.NotScanned++;
                        break;
                    case ItemScanner.Outcome.Unsupported:
                        string label = ItemScanner.ExtensionLabel(item.Extension);
                        _summary.UnsupportedByExtension[label] = _summary.UnsupportedByExtension.TryGetValue(label, out int n) ? n + 1 : 1;
                        break;
                }

                if (finding is not null && outcome == ItemScanner.Outcome.Match)
                {
                    _summary.Findings++;
                }
            }

            if (finding is not null)
            {
                if (_options.Checkpoint is not null)
                {
                    lock (state.Findings)
                    {
                        state.Findings.Add(finding);
                    }
                }

                _host.WriteOutput(finding);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // One item's failure of any kind (the source's I/O, a timeout that is not the user's, a parser or SDK throwing
            // what nobody translated) is that item's error and NotScanned row; the run goes on. Only the type is shown.
            lock (_gate)
            {
                _summary.ItemsSeen++;
                _summary.Errors++;
            }

            var error = ItemErrors.FromException(ex, item.ItemUri);
            _host.WriteItemError(error);
            WriteUnread(Unread(item.ToFinding(), error, listing: false), state);
            ok = false;
        }

        Report(force: false, completed: false);
        return ok;
    }

    private void ReportUnsupported()
    {
        if (_options.IncludeUnscanned || _summary.UnsupportedByExtension.Count == 0)
        {
            return;
        }

        int total = _summary.UnsupportedByExtension.Values.Sum();
        string byType = string.Join(", ", _summary.UnsupportedByExtension.OrderByDescending(p => p.Value).Take(10).Select(p => p.Key + " " + p.Value.ToString(CultureInfo.InvariantCulture)));
        _host.WriteWarning($"{Plural(total, "item")} of types GdprOps does not read yet had only their names checked ({byType}). Use -IncludeUnscanned to list them.");
    }

    private void Report(bool force, bool completed)
    {
        RunProgress progress;
        lock (_gate)
        {
            var now = _clock.Elapsed;
            if (!force && now - _lastProgress < ProgressInterval)
            {
                return;
            }

            _lastProgress = now;
            string status = string.Format(CultureInfo.InvariantCulture, "{0} items scanned, {1}, {2}", _summary.ItemsSeen, Plural(_summary.Findings, "finding"), Plural(_summary.Errors, "error"));
            int percent = -1;
            if (_summary.Sources > 1)
            {
                status = string.Format(CultureInfo.InvariantCulture, "{0} of {1} sources done, ", _summary.SourcesDone, _summary.Sources) + status;
                percent = (int)(100L * _summary.SourcesDone / _summary.Sources);
            }

            if (_options.ThrottleWait?.Invoke() is { } waited && waited > TimeSpan.Zero)
            {
                status += string.Format(CultureInfo.InvariantCulture, ", {0:0} s waiting on throttling", waited.TotalSeconds);
            }

            progress = new RunProgress(_options.Activity, status, _currentSource, percent, completed);
        }

        _host.WriteProgress(progress);
    }

    private readonly record struct Work(IItemSource Source, SourceItem Item, SourceState State);

    private sealed class SourceState
    {
        public SourceState(IItemSource source, int maxInFlight)
        {
            Source = source;
            Slots = maxInFlight > 0 ? new SemaphoreSlim(maxInFlight) : null;
        }

        /// <summary>Limits this source's items queued or in scanning; null for no limit.</summary>
        public SemaphoreSlim? Slots { get; }

        public IItemSource Source { get; }

        /// <summary>Every finding this source gave, kept for the checkpoint.</summary>
        public List<Finding> Findings { get; } = new();

        /// <summary>The listing itself plus every queued item not yet scanned.</summary>
        public int Outstanding = 1;

        public volatile bool Failed;
    }

    private static string Plural(int n, string noun) => n.ToString(CultureInfo.InvariantCulture) + " " + noun + (n == 1 ? string.Empty : "s");
}
