using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Hosting;
using GdprOps.PowerShell.Adapters;
using GdprOps.Retention;
using GdprOps.Sources;
using GdprOps.Sources.Blob;
using GdprOps.Sources.Graph;

namespace GdprOps.PowerShell.Commands;

/// <summary>
/// What Test-ItemRetention and Invoke-ItemRetention share: the policy's item rules, the sources by scope (share
/// for -Path, blob for -BlobContainer/-BlobSasUri, drive for -OneDrive/-Site/-AllSites/-Team), -AsOf, and the
/// listing that judges every item.
/// </summary>
public abstract class ItemRetentionCmdlet : GdprOpsCmdlet
{
    private SourceScope? _scope;
    private IReadOnlyList<(IItemSource Source, string Scope)>? _sources;

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

    /// <summary>This machine's part of a run split over several, K/N: shares by their top-level entries, blob containers by folder and blob, drives by name.</summary>
    [Parameter]
    [ValidatePattern(@"^\d+/\d+$")]
    public string? Shard { get; set; }

    /// <summary>The policy's item rules.</summary>
    protected IReadOnlyList<ItemRetentionRule> Rules { get; private set; } = Array.Empty<ItemRetentionRule>();

    /// <summary>The connection of this runspace, when there is one.</summary>
    protected GraphConnection? Connection => GdprOpsSession.Current?.Connection;

    /// <summary>-AsOf in UTC, or now.</summary>
    protected DateTimeOffset AsOfUtc => UtcOrNow(AsOf);

    /// <summary>Reads the rules and turns the parameters into sources; false after a terminating error.</summary>
    protected bool Prepare()
    {
        try
        {
            Rules = GdprOps.Retention.RetentionPolicy.Load(GetUnresolvedProviderPathFromPSPath(Policy!)).ItemRules;
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

        _scope = new SourceScope
        {
            Paths = Path ?? Array.Empty<string>(),
            Graph = new GraphSweepScope { OneDrives = OneDrive ?? Array.Empty<string>(), Sites = Site ?? Array.Empty<string>(), AllSites = AllSites, Teams = Team ?? Array.Empty<string>() },
            Blobs = new BlobScope { Containers = BlobContainer ?? Array.Empty<string>(), SasUris = BlobSasUri ?? Array.Empty<Uri>(), Prefix = Prefix, ConnectionString = BlobConnectionString },
        };
        try
        {
            _scope.Shard = Shard is null ? null : GdprOps.Sweep.ShardSpec.Parse(Shard);
            _scope.ValidateForItemRules();
        }
        catch (GdprOpsException ex)
        {
            ThrowTerminating(ex);
            return false;
        }

        _scope.Paths = _scope.Paths.SelectMany(ResolveFileSystemPath).ToList();
        return !_scope.UsesGraph || RequireConnection() is not null;
    }

    /// <summary>The shares, containers and drives of the parameters, resolved once.</summary>
    protected async Task<IReadOnlyList<(IItemSource Source, string Scope)>> ResolveSourcesAsync(IRunHost host, CancellationToken token) =>
        _sources ??= await _scope!.ResolveForItemRulesAsync(Connection, host, token).ConfigureAwait(false);

    /// <summary>Resolves the drives, then lists every source whose scope has a rule and judges every item (see <see cref="ItemRetentionCheck"/>).</summary>
    protected async Task<ItemRetentionSummary> CheckAsync(IRunHost host, bool detailed, Action<ItemRetentionRule, SourceItem>? onViolation, bool writeResults, CancellationToken token)
    {
        var sources = await ResolveSourcesAsync(host, token).ConfigureAwait(false);
        return await new ItemRetentionCheck().RunAsync(sources, Rules, AsOfUtc, detailed, host, token, onViolation, writeResults).ConfigureAwait(false);
    }
}
