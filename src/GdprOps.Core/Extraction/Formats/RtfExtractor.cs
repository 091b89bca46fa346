using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;

namespace GdprOps.Extraction.Formats;

/// <summary>
/// Rich Text Format: the text a reader sees, the document information (title, author, company: often personal
/// data) and field instructions (<c>HYPERLINK "mailto:..."</c>). Font, colour and style tables, pictures,
/// embedded object data and other ignorable destinations are skipped. Bytes are decoded with the document's
/// code page (<c>\ansicpg</c>), <c>\uN</c> characters with their <c>\ucN</c> fallbacks skipped. No package
/// that reads RTF is served here, so this is a small streaming reader of our own; it keeps no document model,
/// so memory does not grow with the file, and group nesting is bounded.
/// </summary>
internal static class RtfExtractor
{
    public const int MaxGroupDepth = 1_000;
    private const int FlushChars = 64 * 1024;

    /// <summary>Destinations whose text is not document text.</summary>
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal)
    {
        "fonttbl", "colortbl", "stylesheet", "listtable", "listoverridetable", "revtbl", "rsidtbl", "generator", "pict", "objdata",
        "themedata", "colorschememapping", "datastore", "latentstyles", "xmlnstbl", "filetbl", "pgdsctbl", "shppict", "nonshppict",
        "fldrslt_binary", "blipuid", "panose", "fontemb", "fontfile", "listpicture", "mmathPr", "wgrffmtfilter", "passwordhash",
    };

    /// <summary>Control words that stand for a character or a break.</summary>
    private static readonly Dictionary<string, string> Characters = new(StringComparer.Ordinal)
    {
        ["par"] = "\n", ["line"] = "\n", ["sect"] = "\n", ["page"] = "\n", ["row"] = "\n", ["cell"] = "\t", ["tab"] = "\t", ["nestcell"] = "\t",
        ["emdash"] = "\u2014", ["endash"] = "\u2013", ["bullet"] = "\u2022", ["lquote"] = "\u2018", ["rquote"] = "\u2019",
        ["ldblquote"] = "\u201C", ["rdblquote"] = "\u201D", ["emspace"] = " ", ["enspace"] = " ", ["qmspace"] = " ",
    };

    /// <summary>True when the first bytes are an RTF header.</summary>
    public static bool IsRtf(ReadOnlySpan<byte> head) =>
        head.Length >= 5 && head[0] == '{' && head[1] == '\\' && head[2] == 'r' && head[3] == 't' && head[4] == 'f';

    public static void Extract(ExtractionContext context, Stream stream, string where) =>
        Extract(stream, context.Sink, where, context.Budget.MaxCharactersInPart, context.CancellationToken);

    /// <summary>Reads the RTF in <paramref name="stream"/> into <paramref name="sink"/> as <paramref name="where"/>.</summary>
    /// <exception cref="ExtractionLimitException">Not RTF, nested deeper than <see cref="MaxGroupDepth"/>, or more text than <paramref name="maxChars"/>.</exception>
    public static void Extract(Stream stream, ChunkingTextSink sink, string where, long maxChars, CancellationToken cancellationToken)
    {
        var reader = new Reader(new BufferedStream(stream, 64 * 1024), sink, where, maxChars, cancellationToken);
        reader.Run();
    }

    private sealed class Reader
    {
        private readonly Stream _stream;
        private readonly ChunkingTextSink _sink;
        private readonly string _where;
        private readonly long _maxChars;
        private readonly CancellationToken _cancellationToken;
        private readonly Stack<(bool Skip, int UnicodeSkip)> _groups = new();
        private readonly StringBuilder _text = new();
        private readonly List<byte> _bytes = new();
        private readonly StringBuilder _word = new();
        private Encoding _encoding = CodePage(1252);
        private bool _skip;
        private int _unicodeSkip = 1;
        private int _pendingSkip;
        private bool _groupStart;
        private bool _ignorable;
        private long _written;
        private int _peeked = -2;

        public Reader(Stream stream, ChunkingTextSink sink, string where, long maxChars, CancellationToken cancellationToken)
        {
            _stream = stream;
            _sink = sink;
            _where = where;
            _maxChars = maxChars;
            _cancellationToken = cancellationToken;
        }

        public void Run()
        {
            if (Read() != '{' || Read() != '\\' || Read() != 'r' || Read() != 't' || Read() != 'f')
            {
                throw new ExtractionLimitException("not an RTF document");
            }

            _groups.Push((false, 1));
            _groupStart = false;
            SkipControlParameter();
            long bytes = 0;
            int c;
            while ((c = Read()) >= 0 && _groups.Count > 0)
            {
                if ((++bytes & 0xFFFF) == 0)
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                }

                switch (c)
                {
                    case '{':
                        FlushBytes();
                        if (_groups.Count >= MaxGroupDepth)
                        {
                            throw new ExtractionLimitException($"RTF groups nested deeper than {MaxGroupDepth}");
                        }

                        _groups.Push((_skip, _unicodeSkip));
                        _groupStart = true;
                        break;
                    case '}':
                        FlushBytes();
                        (_skip, _unicodeSkip) = _groups.Pop();
                        _groupStart = false;
                        break;
                    case '\\':
                        Control();
                        break;
                    case '\r':
                    case '\n':
                        break;
                    default:
                        _groupStart = false;
                        Byte((byte)c);
                        break;
                }
            }

            FlushBytes();
            Flush();
        }

        private void Control()
        {
            int c = Read();
            if (c < 0)
            {
                return;
            }

            bool first = _groupStart;
            _groupStart = false;
            if (!IsLetter(c))
            {
                switch (c)
                {
                    case '\'':
                        int high = Hex(Read());
                        int low = Hex(Read());
                        if (high >= 0 && low >= 0)
                        {
                            Byte((byte)((high << 4) | low));
                        }

                        break;
                    case '*':
                        // An ignorable destination: readers that do not know the word after it skip the group.
                        _ignorable = true;
                        _groupStart = first;
                        break;
                    case '\\':
                    case '{':
                    case '}':
                        Byte((byte)c);
                        break;
                    case '~':
                        Text("\u00A0");
                        break;
                    case '_':
                        Text("-");
                        break;
                    case '\r':
                    case '\n':
                        Text("\n");
                        break;
                }

                return;
            }

            _word.Clear();
            while (c >= 0 && IsLetter(c) && _word.Length < 32)
            {
                _word.Append((char)c);
                c = Read();
            }

            bool negative = c == '-';
            if (negative)
            {
                c = Read();
            }

            long parameter = 0;
            bool hasParameter = false;
            while (c >= 0 && c is >= '0' and <= '9')
            {
                hasParameter = true;
                parameter = Math.Min((parameter * 10) + (c - '0'), int.MaxValue);
                c = Read();
            }

            if (negative)
            {
                parameter = -parameter;
            }

            if (c >= 0 && c != ' ')
            {
                Unread(c);
            }

            Word(_word.ToString(), hasParameter ? (int)parameter : (int?)null, first);
        }

        private void Word(string word, int? parameter, bool first)
        {
            if (_ignorable)
            {
                // Field instructions hold link targets ("mailto:..."); every other ignorable destination is markup.
                _ignorable = false;
                if (word != "fldinst")
                {
                    _skip = true;
                    return;
                }
            }

            switch (word)
            {
                case "bin":
                    FlushBytes();
                    for (long n = Math.Max(0, parameter ?? 0); n > 0 && Read() >= 0; n--)
                    {
                    }

                    return;
                case "u" when parameter is { } code:
                    FlushBytes();
                    Text(((char)(code < 0 ? code + 65536 : code)).ToString());
                    _pendingSkip = _unicodeSkip;
                    return;
                case "uc" when parameter is { } count:
                    _unicodeSkip = Math.Max(0, count);
                    return;
                case "ansicpg" when parameter is { } codePage:
                    _encoding = CodePage(codePage);
                    return;
                case "mac":
                    _encoding = CodePage(10000);
                    return;
                case "pc":
                    _encoding = CodePage(437);
                    return;
                case "pca":
                    _encoding = CodePage(850);
                    return;
            }

            if (first && Skipped.Contains(word))
            {
                _skip = true;
                return;
            }

            if (Characters.TryGetValue(word, out string? text))
            {
                FlushBytes();
                Text(text);
            }
        }

        /// <summary>A byte of text in the document's code page (literal or <c>\'hh</c>); a <c>\uN</c> fallback is dropped.</summary>
        private void Byte(byte b)
        {
            if (_pendingSkip > 0)
            {
                _pendingSkip--;
                return;
            }

            if (!_skip)
            {
                _bytes.Add(b);
            }
        }

        private void FlushBytes()
        {
            if (_bytes.Count == 0)
            {
                return;
            }

            var array = _bytes.ToArray();
            _bytes.Clear();
            Text(_encoding.GetString(array));
        }

        private void Text(string text)
        {
            _pendingSkip = 0;
            if (_skip)
            {
                return;
            }

            _written += text.Length;
            if (_written > _maxChars)
            {
                throw new ExtractionLimitException($"more than {_maxChars} characters of RTF text");
            }

            _text.Append(text);
            if (_text.Length >= FlushChars)
            {
                Flush();
            }
        }

        private void Flush()
        {
            if (_text.Length > 0)
            {
                _sink.Append(_where, _text.ToString());
                _text.Clear();
            }
        }

        /// <summary>The header's own parameter ("\rtf1") and its delimiter.</summary>
        private void SkipControlParameter()
        {
            int c;
            while ((c = Read()) is >= '0' and <= '9')
            {
            }

            if (c >= 0 && c != ' ')
            {
                Unread(c);
            }
        }

        private int Read()
        {
            if (_peeked != -2)
            {
                int c = _peeked;
                _peeked = -2;
                return c;
            }

            return _stream.ReadByte();
        }

        private void Unread(int c) => _peeked = c;

        private static bool IsLetter(int c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';

        private static int Hex(int c) => c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'a' and <= 'f' => c - 'a' + 10,
            >= 'A' and <= 'F' => c - 'A' + 10,
            _ => -1,
        };

        private static Encoding CodePage(int codePage)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            try
            {
                return Encoding.GetEncoding(codePage);
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
            {
                return Encoding.GetEncoding(1252);
            }
        }
    }
}
