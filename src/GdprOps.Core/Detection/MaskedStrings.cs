using System;
using System.Runtime.InteropServices;

namespace GdprOps.Detection;

/// <summary>
/// The masked forms discovery writes for every detection, made without an allocation when the same form was made
/// lately on this thread: a CSV export of a million customers masks to a few hundred distinct forms
/// ("c***@fjord.example", "+45******40"), and a string per detection was most of what a sweep allocated besides its text.
/// A small table per thread, indexed by a hash of the characters: a slot keeps the last form that hashed there, so
/// memory stays bounded (<see cref="Slots"/> strings per thread) and a form is always equal to the characters asked for.
/// </summary>
internal static class MaskedStrings
{
    private const int SlotBits = 10;
    private const int Slots = 1 << SlotBits;

    [ThreadStatic]
    private static string?[]? t_slots;

    /// <summary>The string of <paramref name="chars"/>: the one made last time if its slot still holds it, else a new one.</summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    public static string Of(ReadOnlySpan<char> chars)
    {
        if (chars.Length == 0)
        {
            return string.Empty;
        }

        // Two characters a step, multiplied through; the slot is the top bits of the last product (the best mixed).
        uint hash = (uint)chars.Length;
        foreach (uint pair in MemoryMarshal.Cast<char, uint>(chars))
        {
            hash = (hash ^ pair) * 0x9E3779B1;
        }

        if ((chars.Length & 1) != 0)
        {
            hash = (hash ^ chars[chars.Length - 1]) * 0x9E3779B1;
        }

        var slots = t_slots ??= new string?[Slots];
        ref string? slot = ref slots[hash >> (32 - SlotBits)];
        if (slot is { } known && chars.SequenceEqual(known.AsSpan()))
        {
            return known;
        }

        return slot = chars.ToString();
    }

    /// <summary><see cref="Of"/> of <paramref name="first"/>, <paramref name="second"/> and <paramref name="third"/> written one after the other.</summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    public static string Of(ReadOnlySpan<char> first, ReadOnlySpan<char> second, ReadOnlySpan<char> third = default)
    {
        int length = first.Length + second.Length + third.Length;
        Span<char> buffer = length <= 256 ? stackalloc char[length] : new char[length];
        first.CopyTo(buffer);
        second.CopyTo(buffer.Slice(first.Length));
        third.CopyTo(buffer.Slice(first.Length + second.Length));
        return Of(buffer);
    }
}
