using System;
using System.Security.Cryptography;
using System.Threading;

namespace GdprOps.GraphSimulator.Model;

/// <summary>
/// Id shapes close to the real ones: Exchange REST ids are long URL-safe base64 strings ending in '=', immutable
/// ids have their own prefix, drive ids start with "b!". Deterministic per tenant so tests can be replayed.
/// </summary>
public sealed class SimIds
{
    private readonly Random random;
    private readonly object gate = new();
    private long counter;

    public SimIds(int seed) => random = new Random(seed);

    public string RestId() => "AAMkA" + Token(36);

    public string ImmutableId() => "AAkAL" + Token(36);

    public string FolderId() => "AAMkAF" + Token(30);

    public string DriveId() => "b!" + Token(48).TrimEnd('=');

    public string DriveItemId() => "01" + Base32(24);

    public string Guid()
    {
        var bytes = new byte[16];
        lock (gate)
        {
            random.NextBytes(bytes);
        }

        return new Guid(bytes).ToString();
    }

    public long Next() => Interlocked.Increment(ref counter);

    public string Token12() => Token(12);

    private string Token(int bytes)
    {
        var buffer = new byte[bytes];
        lock (gate)
        {
            random.NextBytes(buffer);
        }

        return Convert.ToBase64String(buffer).Replace('+', '-').Replace('/', '_');
    }

    private string Base32(int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var chars = new char[length];
        lock (gate)
        {
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }
        }

        return new string(chars);
    }

    /// <summary>Unpredictable tokens (download URLs) do not need to be replayable.</summary>
    public static string Secret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
}
