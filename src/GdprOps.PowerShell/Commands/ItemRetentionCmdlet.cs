using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.PowerShell.Host;
using GdprOps.Retention;
using GdprOps.Sources;
using GdprOps.Sources.Blob;
using GdprOps.Sources.FileSystem;
using GdprOps.Sources.Graph;
using GdprOps.Sweep;

namespace GdprOps.PowerShell.Commands;

/// <summary>
/// What Test-ItemRetention and Invoke-ItemRetention share: the policy's item rules, the sources by scope (share
/// for -Path, blob for -BlobContainer/-BlobSasUri, drive for -OneDrive/-Site/-AllSites/-Team), -AsOf, and the
/// listing that judges every item.
/// </summary>
public abstract class ItemRetentionCmdlet : GdprOpsCmdlet
{
    private GraphSweepScope? _drives;
    private List<(IItemSource Source, string Scope)>? _sources;

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Policy { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? BlobContainer { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public Uri[]? BlobSasUri { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? BlobConnectionString { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Prefix { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? OneDrive { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Site { get; set; }

    [Parameter]
    public SwitchParameter AllSites { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Team { get; set; }

    [Parameter]
    public DateTime? AsOf { get; set; }

    /// <summary>The policy's item rules.</summary>
    protected IReadOnlyList<ItemRetentionRule> Rules { get; private set; } = Array.Empty<ItemRetentionRule>();

    /// <summary>The connection of this runspace, when there is one.</summary>
    protected GraphConnection? Connection => GdprOpsSession.Current?.Connection;

    /// <summary>-AsOf in UTC, or now.</summary>
    protected DateTimeOffset AsOfUtc => AsOf is { } date ? new DateTimeOffset(date.ToUniversalTime(), TimeSpan.Zero) : DateTimeOffset.UtcNow;

    /// <summary>Reads the rules and turns the parameters into sources; false after a terminating error.</summary>
    protected bool Prepare()
    {
        try
        {
            var validation = PolicyFiles.Validate(GetUnresolvedProviderPathFromPSPath(Policy!), out var policy);
            Rules = policy?.ItemRules ?? throw new GdprOpsException(ErrorIds.RetentionPolicyInvalid, ErrorKind.InvalidData,
                "The retention policy is not valid (see Test-RetentionPolicy):\n" + validation.Problems);
            if (Rules.Count == 0)
            {
                throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, "The policy has no itemRules (the mailbox retention cmdlets apply its mailboxRules).");
            }
        }
        catch (GdprOpsException ex)
        {
            ThrowTerminating(ex, Policy);
            return false;
        }

        _drives = new GraphSweepScope { OneDrives = OneDrive ?? Array.Empty<string>(), Sites = Site ?? Array.Empty<string>(), AllSites = AllSites, Teams = Team ?? Array.Empty<string>() };
        var blobs = new BlobScope { Containers = BlobContainer ?? Array.Empty<string>(), SasUris = BlobSasUri ?? Array.Empty<Uri>(), Prefix = Prefix, ConnectionString = BlobConnectionString };
        if (Path is null && _drives.IsEmpty && blobs.IsEmpty)
        {
            ThrowTerminating(new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument,
                "Say where to look: -Path (share rules), -BlobContainer or -BlobSasUri (blob rules), -OneDrive, -Site, -AllSites or -Team (drive rules)."));
            return false;
        }

        if (!_drives.IsEmpty && Connection is null)
        {
            ThrowTerminating(new GdprOpsException(ErrorIds.NotConnected, ErrorKind.InvalidArgument, "Not connected to Microsoft 365: run Connect-GdprOps first."));
            return false;
        }

        _sources = new List<(IItemSource Source, string Scope)>();
        foreach (string resolved in (Path ?? Array.Empty<string>()).SelectMany(ResolveFileSystemPath))
        {
            _sources.Add((new FileSystemSource(resolved), "share"));
        }

        try
        {
            _sources.AddRange(blobs.Resolve(Connection).Select(source => (source, "blob")));
        }
        catch (GdprOpsException ex)
        {
            ThrowTerminating(ex);
            return false;
        }

        return true;
    }

    /// <summary>
    /// Lists every source whose scope has a rule (drives resolved first) and judges every item; rules whose scope got
    /// no source, and sources whose scope has no rule, are named in warnings.
    /// </summary>
    protected async Task<ItemRetentionSummary> CheckAsync(IRunHost host, bool detailed, Action<ItemRetentionRule, SourceItem>? onViolation, bool writeResults, CancellationToken token)
    {
        var sources = _sources!;
        if (!_drives!.IsEmpty)
        {
            var resolved = await _drives.ResolveAsync(Connection!, null, host, token).ConfigureAwait(false);
            sources.AddRange(resolved.Select(source => (source, "drive")));
        }

        string[] given = new[] { Path is null ? null : "share", BlobContainer is null && BlobSasUri is null ? null : "blob", _drives.IsEmpty ? null : "drive" }.OfType<string>().ToArray();
        foreach (var rule in Rules.Where(r => !given.Contains(r.Scope, StringComparer.OrdinalIgnoreCase)))
        {
            host.WriteWarning($"Rule '{rule.Name}' (scope {rule.Scope}) was not applied: no {rule.Scope} was given.");
        }

        foreach (string scope in given.Where(s => !Rules.Any(r => r.Scope.Equals(s, StringComparison.OrdinalIgnoreCase))))
        {
            host.WriteWarning($"No item rule has scope {scope}: the {scope} sources given were not listed.");
        }

        var tested = sources.Where(s => Rules.Any(r => r.Scope.Equals(s.Scope, StringComparison.OrdinalIgnoreCase))).ToList();
        return await new ItemRetentionCheck().RunAsync(tested, Rules, AsOfUtc, detailed, host, token, onViolation, writeResults).ConfigureAwait(false);
    }
}
