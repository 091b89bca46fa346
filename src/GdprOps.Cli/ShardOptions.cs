using System.Collections.Generic;
using System.CommandLine;
using GdprOps.Sweep;

namespace GdprOps.Cli;

/// <summary>--shard K/N, or --shard-from-env with --shard-count: this machine's part of a run split over several.</summary>
internal sealed class ShardOptions
{
    public Option<string?> Shard { get; } = new("--shard") { Description = "Only this machine's part, K/N (2/4): mailboxes, drives, containers and the top-level entries of shares split by a stable hash." };

    public Option<bool> FromEnvironment { get; } = new("--shard-from-env") { Description = "Take K from JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) and N from --shard-count or GDPROPS_SHARD_COUNT." };

    public Option<int?> Count { get; } = new("--shard-count") { Description = "With --shard-from-env: how many shards the run has." };

    public IEnumerable<Option> All => new Option[] { Shard, FromEnvironment, Count };

    /// <summary>The shard the options name; null without one.</summary>
    /// <exception cref="GdprOpsException">Not K/N, or the environment does not say.</exception>
    public ShardSpec? Read(ParseResult parse) =>
        parse.GetValue(FromEnvironment) ? ShardSpec.FromEnvironment(parse.GetValue(Count))
        : parse.GetValue(Shard) is { } text ? ShardSpec.Parse(text)
        : null;
}
