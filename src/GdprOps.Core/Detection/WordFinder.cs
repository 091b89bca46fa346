using System;
using System.Runtime.CompilerServices;
#if NET
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
#endif

namespace GdprOps.Detection;

/// <summary>
/// The words of one text in order, exactly as <see cref="TextTokens.NextWord"/> finds them (runs of
/// <see cref="NameFolding.IsTokenChar"/>), for a loop that reads every word of a chunk. On modern .NET sixty-four characters
/// are classified at a time into one bit each and a word's start and end are read from the bits: prose has a word every
/// six characters, and a test per character with a branch on each was most of what the Article 9/10 pass cost. Only
/// characters outside ASCII are classified one at a time (they may be letters or combining marks).
/// </summary>
internal struct WordFinder
{
    private readonly string _text;
#if NET
    // The block whose bits are at hand: text[_block .. _block + 64), one bit per token character (none past the end).
    private int _block;
    private ulong _bits;
#endif

    public WordFinder(string text)
    {
        _text = text;
#if NET
        _block = -1;
        _bits = 0;
#endif
    }

    /// <summary>
    /// The next word at or after <paramref name="position"/>: its start, and <paramref name="position"/> moved to its end.
    /// False when there is none. The same contract as <see cref="TextTokens.NextWord"/>.
    /// </summary>
    [MethodImpl(HotPath.Options)]
    public bool Next(ref int position, out int start)
    {
#if NET
        if (!Vector128.IsHardwareAccelerated)
        {
            return TextTokens.NextWord(_text, ref position, out start);
        }

        int length = _text.Length;
        int i = position;
        while (true)
        {
            if (i >= length)
            {
                start = position = Math.Max(position, length);
                return false;
            }

            int block = i & ~63;
            ulong words = Bits(block) & (ulong.MaxValue << (i - block));
            if (words != 0)
            {
                i = block + BitOperations.TrailingZeroCount(words);
                break;
            }

            i = block + 64;
        }

        start = i;
        while (true)
        {
            int block = i & ~63;
            if (block >= length)
            {
                i = length;
                break;
            }

            // Past the end of the text no bit is set: the word ends there at the latest.
            ulong others = ~Bits(block) & (ulong.MaxValue << (i - block));
            if (others != 0)
            {
                i = Math.Min(length, block + BitOperations.TrailingZeroCount(others));
                break;
            }

            i = block + 64;
        }

        position = i;
        return true;
#else
        return TextTokens.NextWord(_text, ref position, out start);
#endif
    }
#if NET

    /// <summary>The bits of the block at <paramref name="block"/> (a multiple of 64), computed once while the walk is in it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong Bits(int block)
    {
        if (block != _block)
        {
            _bits = Classify(_text, block);
            _block = block;
        }

        return _bits;
    }

    [MethodImpl(HotPath.Options)]
    private static ulong Classify(string text, int block)
    {
        ulong bits = 0;
        if (block + 64 <= text.Length)
        {
            ref ushort chars = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text.AsSpan()));
            var any = Vector128<ushort>.Zero;
            for (int k = 0; k < 64; k += 16)
            {
                var low = Vector128.LoadUnsafe(ref chars, (nuint)(block + k));
                var high = Vector128.LoadUnsafe(ref chars, (nuint)(block + k + 8));
                bits |= (ulong)Vector128.Narrow(AsciiLetters(low), AsciiLetters(high)).ExtractMostSignificantBits() << k;
                any |= low | high;
            }

            if (Vector128.LessThanAll(any, Vector128.Create((ushort)128)))
            {
                // All ASCII (most blocks of most texts): the letters are the token characters.
                return bits;
            }

            ulong other = 0;
            for (int k = 0; k < 64; k += 16)
            {
                var low = Vector128.LoadUnsafe(ref chars, (nuint)(block + k));
                var high = Vector128.LoadUnsafe(ref chars, (nuint)(block + k + 8));
                other |= (ulong)Vector128.Narrow(NotAscii(low), NotAscii(high)).ExtractMostSignificantBits() << k;
            }

            for (; other != 0; other &= other - 1)
            {
                int at = BitOperations.TrailingZeroCount(other);
                bits |= NameFolding.IsTokenChar(text[block + at]) ? 1UL << at : 0;
            }

            return bits;
        }

        for (int at = 0; block + at < text.Length; at++)
        {
            bits |= NameFolding.IsTokenChar(text[block + at]) ? 1UL << at : 0;
        }

        return bits;
    }

    /// <summary>All ones where a character is an ASCII letter: (c | 0x20) - 'a' below 26, which no other character gives.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ushort> AsciiLetters(Vector128<ushort> chars) =>
        Vector128.LessThan((chars | Vector128.Create((ushort)0x20)) - Vector128.Create((ushort)'a'), Vector128.Create((ushort)26));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ushort> NotAscii(Vector128<ushort> chars) => Vector128.GreaterThan(chars, Vector128.Create((ushort)127));
#endif
}
