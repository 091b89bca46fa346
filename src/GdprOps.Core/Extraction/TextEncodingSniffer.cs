using System;
using System.Text;

namespace GdprOps.Extraction;

/// <summary>
/// Decides how to decode a text file from its first bytes: a byte order mark (UTF-8, UTF-16 LE/BE), else
/// UTF-8 when the bytes are valid UTF-8, else Windows-1252. NUL bytes without a UTF-16 mark mean binary.
/// </summary>
public static class TextEncodingSniffer
{
    private static readonly Lazy<Encoding> Windows1252Encoding = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    });

    /// <summary>Windows-1252, the 8-bit encoding of western Windows text (the code-page provider registered).</summary>
    public static Encoding Windows1252 => Windows1252Encoding.Value;

    public readonly record struct Result(Encoding? Encoding, int PreambleLength, bool IsBinary);

    public static Result Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF)
        {
            return new Result(new UTF8Encoding(false), 3, false);
        }

        if (head.Length >= 2 && head[0] == 0xFF && head[1] == 0xFE)
        {
            return new Result(new UnicodeEncoding(bigEndian: false, byteOrderMark: false), 2, false);
        }

        if (head.Length >= 2 && head[0] == 0xFE && head[1] == 0xFF)
        {
            return new Result(new UnicodeEncoding(bigEndian: true, byteOrderMark: false), 2, false);
        }

        if (head.IndexOf((byte)0) >= 0)
        {
            return new Result(null, 0, true);
        }

        return new Result(IsUtf8(head) ? new UTF8Encoding(false) : Windows1252, 0, false);
    }

    /// <summary>Valid UTF-8, allowing a sequence cut off at the end of the sample.</summary>
    internal static bool IsUtf8(ReadOnlySpan<byte> bytes)
    {
        int i = 0;
        while (i < bytes.Length)
        {
            byte b = bytes[i];
            int extra = b < 0x80 ? 0 : (b & 0xE0) == 0xC0 ? 1 : (b & 0xF0) == 0xE0 ? 2 : (b & 0xF8) == 0xF0 ? 3 : -1;
            if (extra < 0 || (extra == 1 && b < 0xC2))
            {
                return false;
            }

            for (int k = 1; k <= extra; k++)
            {
                if (i + k >= bytes.Length)
                {
                    return true;
                }

                if ((bytes[i + k] & 0xC0) != 0x80)
                {
                    return false;
                }
            }

            i += extra + 1;
        }

        return true;
    }
}
