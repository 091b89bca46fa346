using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GdprOps.Sweep;

/// <summary>
/// One of N shards of a sweep: the units of work (a mailbox, a drive, a container, a top-level entry of a share) are
/// split by a stable hash of their key, so every shard computes the same split with no coordinator, no unit is in
/// two shards, and the shards together are exactly the single-machine run.
/// </summary>
public readonly struct ShardSpec : IEquatable<ShardSpec>
{
    public ShardSpec(int number, int count)
    {
        if (count < 1 || count > 10_000 || number < 1 || number > count)
        {
            throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, $"A shard is K/N with 1 <= K <= N <= 10000; {number}/{count} is not one.");
        }

        Number = number;
        Count = count;
    }

    /// <summary>This shard, 1-based.</summary>
    public int Number { get; }

    /// <summary>How many shards the run has.</summary>
    public int Count { get; }

    /// <summary>"2-of-4": what report, checkpoint and manifest names carry.</summary>
    public string Name => Number.ToString(CultureInfo.InvariantCulture) + "-of-" + Count.ToString(CultureInfo.InvariantCulture);

    /// <summary>"K/N" as users write it.</summary>
    /// <exception cref="GdprOpsException">Not K/N.</exception>
    public static ShardSpec Parse(string text)
    {
        var parts = (text ?? string.Empty).Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int k) && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n))
        {
            return new ShardSpec(k, n);
        }

        throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, $"A shard is written K/N (2/4 is the second of four); '{text}' is not.");
    }

    /// <summary>
    /// The shard a Kubernetes Indexed Job gives this pod: JOB_COMPLETION_INDEX (0-based) and the number of shards
    /// (<paramref name="count"/>, else GDPROPS_SHARD_COUNT).
    /// </summary>
    /// <exception cref="GdprOpsException">The variables are missing or not numbers.</exception>
    public static ShardSpec FromEnvironment(int? count = null)
    {
        string? index = Environment.GetEnvironmentVariable("JOB_COMPLETION_INDEX");
        string? total = count?.ToString(CultureInfo.InvariantCulture) ?? Environment.GetEnvironmentVariable("GDPROPS_SHARD_COUNT");
        if (int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out int i) && int.TryParse(total, NumberStyles.None, CultureInfo.InvariantCulture, out int n))
        {
            return new ShardSpec(i + 1, n);
        }

        throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument,
            "The shard comes from JOB_COMPLETION_INDEX (set by a Kubernetes Indexed Job) and the shard count (--shard-count or GDPROPS_SHARD_COUNT): one of them is missing or not a number.");
    }

    /// <summary>The unit key of a mailbox (as its checkpoint names it): the same for a sweep and for mailbox retention.</summary>
    public static string MailboxKey(string mailbox) => "mailbox:" + mailbox.ToLowerInvariant();

    /// <summary>Whether <paramref name="mailbox"/> is this shard's.</summary>
    public bool OwnsMailbox(string mailbox) => Owns(MailboxKey(mailbox));

    /// <summary>Whether the unit with <paramref name="key"/> (a checkpoint key such as mailbox:anna@contoso.example) is this shard's.</summary>
    public bool Owns(string key) => Of(key, Count) == Number;

    /// <summary>The shard (1-based) of <paramref name="key"/> among <paramref name="count"/>: SHA-256 of the key (case folded), the same on every machine and runtime.</summary>
    public static int Of(string key, int count)
    {
        using var sha = SHA256.Create();
        byte[] hash = sha.ComputeHash(Encoding.UTF8.GetBytes(key.ToUpperInvariant()));
        ulong value = 0;
        for (int i = 0; i < 8; i++)
        {
            value |= (ulong)hash[i] << (8 * i); // little-endian on every machine
        }

        return (int)(value % (ulong)count) + 1;
    }

    public bool Equals(ShardSpec other) => Number == other.Number && Count == other.Count;

    public override bool Equals(object? obj) => obj is ShardSpec other && Equals(other);

    public override int GetHashCode() => (Number * 397) ^ Count;

    public override string ToString() => Number.ToString(CultureInfo.InvariantCulture) + "/" + Count.ToString(CultureInfo.InvariantCulture);
}
