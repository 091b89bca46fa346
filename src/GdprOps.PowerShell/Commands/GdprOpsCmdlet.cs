using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Hosting;
using GdprOps.PowerShell.Adapters;

namespace GdprOps.PowerShell.Commands;

/// <summary>
/// Base of every GdprOps cmdlet: one cancellation source per run, cancelled by Ctrl+C (StopProcessing),
/// and engine work run in the background while the pipeline thread writes what it reports.
/// </summary>
/// <remarks>
/// Cmdlet classes must not hold fields (or auto-properties) whose type is a value type from the engine
/// (an enum such as Confidence): laying out the class then needs GdprOps.Core while PowerShell enumerates
/// the exported types, before the module's load-context resolver is registered, and Import-Module fails.
/// Take such parameters as strings and convert them; engine classes (SubjectProfile) are fine.
/// </remarks>
public abstract class GdprOpsCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private bool _disposed;

    protected CancellationToken CancellationToken => _cancellation.Token;

    protected override void StopProcessing() => _cancellation.Cancel();

    /// <summary>Runs <paramref name="work"/> off the pipeline thread and writes its reports here; engine refusals become terminating errors.</summary>
    protected T RunEngine<T>(Func<IRunHost, CancellationToken, Task<T>> work)
    {
        using var queue = new PipelineQueue(GetHashCode());
        var token = _cancellation.Token;
        var task = Task.Run(async () =>
        {
            try
            {
                return await work(queue, token).ConfigureAwait(false);
            }
            finally
            {
                queue.Complete();
            }
        });

        try
        {
            queue.Drain(this, token);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: fall through and let the engine finish unwinding.
        }

        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (GdprOpsException ex)
        {
            ThrowTerminatingError(ErrorRecords.From(ex));
            throw;
        }
    }

    /// <summary>
    /// The one confirmation gate of every cmdlet that deletes, moves or writes personal data. A dry run always wins:
    /// with -WhatIf or $WhatIfPreference, ShouldProcess prints "What if:" and answers no, with or without -Force.
    /// -Force only skips the question, as a script's <c>if ($Force -and -not $Confirm) { $ConfirmPreference = 'None' }</c>
    /// does (an explicit -Confirm still asks). Otherwise ShouldProcess asks as ConfirmImpact, -Confirm and
    /// $ConfirmPreference say, with Yes to All. (No second ShouldContinue question: at ConfirmImpact High the
    /// ShouldProcess prompt already is the per-item question, and asking twice per item helps nobody.)
    /// </summary>
    protected bool ShouldAct(string target, string action, bool force)
    {
        if (force && !IsDryRun && BoundSwitch("Confirm") != true)
        {
            return true;
        }

        return ShouldProcess(target, action);
    }

    /// <summary>-WhatIf as bound, else $WhatIfPreference as the caller's scope has it (the same order PowerShell itself uses).</summary>
    protected bool IsDryRun => BoundSwitch("WhatIf") ?? LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

    private bool? BoundSwitch(string name) =>
        MyInvocation.BoundParameters.TryGetValue(name, out object? value)
            ? value switch
            {
                SwitchParameter s => s.IsPresent,
                bool b => b,
                _ => LanguagePrimitives.IsTrue(value),
            }
            : null;

    /// <summary>Writes one result to the pipeline with its stable GdprOps type name (see <see cref="OutputTypeNames"/>).</summary>
    protected void WriteResult(object item) => WriteObject(OutputTypeNames.Tag(item));

    /// <summary>The audit log at <paramref name="path"/>, or the machine's default one.</summary>
    protected GdprOps.Audit.AuditLog OpenAuditLog(string? path) =>
        new(path is null ? GdprOps.Audit.AuditLog.DefaultPath() : GetUnresolvedProviderPathFromPSPath(path));

    /// <summary>The signed-in app, for the audit log and manifests (the OS user is added by the log itself).</summary>
    protected static string? SignedInOperator() => GdprOpsSession.Current?.Info.ClientId is { Length: > 0 } app ? "app " + app : null;

    /// <summary>Terminates the command with an engine refusal (an invalid call).</summary>
    protected void ThrowTerminating(GdprOpsException exception, object? target = null) =>
        ThrowTerminatingError(ErrorRecords.From(exception, target));

    /// <summary>The Microsoft 365 connection of this runspace; without one, a terminating NotConnected error and null.</summary>
    protected GdprOps.Sources.Graph.GraphConnection? RequireConnection()
    {
        var connection = GdprOpsSession.Current?.Connection;
        if (connection is null)
        {
            ThrowTerminating(new GdprOpsException(ErrorIds.NotConnected, ErrorKind.InvalidArgument, "Not connected to Microsoft 365: run Connect-GdprOps first."));
        }

        return connection;
    }

    /// <summary>An -AsOf value in UTC, or now.</summary>
    protected static DateTimeOffset UtcOrNow(DateTime? date) => date is { } value ? new DateTimeOffset(value.ToUniversalTime(), TimeSpan.Zero) : DateTimeOffset.UtcNow;

    /// <summary>How many -Path values <see cref="ResolveFileSystemPath"/> reported as errors so far.</summary>
    protected int PathErrors { get; private set; }

    /// <summary>
    /// The file system paths a -Path value stands for (wildcards resolved); a path that does not exist or is not
    /// on the file system is a non-terminating PathNotFound error and gives none.
    /// </summary>
    protected System.Collections.Generic.IEnumerable<string> ResolveFileSystemPath(string path)
    {
        try
        {
            var resolved = GetResolvedProviderPathFromPSPath(path, out var provider);
            if (provider.Name != "FileSystem")
            {
                PathErrors++;
                WriteError(ErrorRecords.From(
                    new GdprOpsException(ErrorIds.PathNotFound, ErrorKind.InvalidArgument, $"'{path}' is not a file system path (provider {provider.Name})."), path));
                return Array.Empty<string>();
            }

            return resolved;
        }
        catch (ItemNotFoundException)
        {
            PathErrors++;
            WriteError(ErrorRecords.From(
                new GdprOpsException(ErrorIds.PathNotFound, ErrorKind.NotFound, $"The path '{path}' does not exist or is not reachable."), path));
            return Array.Empty<string>();
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!_disposed && disposing)
        {
            _cancellation.Dispose();
        }

        _disposed = true;
    }
}
