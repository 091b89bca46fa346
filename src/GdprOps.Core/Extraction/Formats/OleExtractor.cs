using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using MimeKit.IO;
using MimeKit.Tnef;

namespace GdprOps.Extraction.Formats;

/// <summary>
/// OLE compound files. Outlook .msg messages are read like email: sender and recipients ("Header"), the
/// subject ("Subject"), the body ("Body": plain text, else HTML, else the compressed RTF) and attachments
/// through the same extractor ("Attachment:NAME"), attached messages recursively within the depth budget.
/// An OLE object that wraps a file (Packager's Ole10Native, an Office 2007+ "Package", Acrobat's "CONTENTS") is read as
/// that file ("Object:NAME"). Anything else in a compound file is named for what it is (password-protected Office file,
/// Word, Excel or PowerPoint 97-2003) and not read.
/// </summary>
internal static class OleExtractor
{
    private const string Properties = "__substg1.0_";
    private const string RecipientPrefix = "__recip_version1.0_";
    private const string AttachmentPrefix = "__attach_version1.0_";

    // MAPI property ids (MS-OXPROPS) read as text.
    private static readonly int[] SenderProperties =
    {
        0x0C1A, // PidTagSenderName
        0x0C1F, // PidTagSenderEmailAddress
        0x5D01, // PidTagSenderSmtpAddress
        0x0042, // PidTagSentRepresentingName
        0x0065, // PidTagSentRepresentingEmailAddress
        0x5D02, // PidTagSentRepresentingSmtpAddress
        0x0E04, // PidTagDisplayTo
        0x0E03, // PidTagDisplayCc
        0x0E02, // PidTagDisplayBcc
    };

    private static readonly int[] RecipientProperties = { 0x3001, 0x3003, 0x39FE }; // display name, email address, SMTP address

    public static async Task ExtractAsync(ExtractionContext context, Stream seekable, string where, int depth)
    {
        var file = CompoundFile.Open(seekable);
        var names = new HashSet<string>(file.Children(file.Root).Select(e => e.Name), StringComparer.OrdinalIgnoreCase);
        if (names.Any(n => n.StartsWith(Properties, StringComparison.OrdinalIgnoreCase)))
        {
            await MessageAsync(context, file, file.Root, where, depth).ConfigureAwait(false);
            return;
        }

        if (Packaged(context, file) is { } packaged)
        {
            // An OLE object wrapping a file (a PDF or a workbook inserted into a document as an object): the file is read.
            var content = new List<(string Name, Stream Content)> { (packaged.Name, new MemoryStream(packaged.Content, writable: false)) };
            await context.Extractor.ExtractEmbeddedAsync(context, content, where, depth, kind: "Object").ConfigureAwait(false);
            return;
        }

        throw new ExtractionLimitException(Kind(names) + ", not read");
    }

    /// <summary>
    /// The file an OLE object wraps, and a name for it: a Packager object's file ("\u0001Ole10Native": its label, then the
    /// file's bytes), an Office 2007+ document embedded in an old container ("Package": the .docx/.xlsx/.pptx itself), or a
    /// PDF embedded by Acrobat ("CONTENTS"). Null when the compound file wraps none of these.
    /// </summary>
    private static (string Name, byte[] Content)? Packaged(ExtractionContext context, CompoundFile file)
    {
        byte[] Read(CompoundFile.Entry entry)
        {
            context.Inflate(entry.Size);
            return file.Read(entry, context.Budget.MaxInflatedBytes);
        }

        if (file.Child(file.Root, "\u0001Ole10Native") is { IsStream: true } native)
        {
            return Ole10Native(Read(native)) ?? throw new ExtractionLimitException("packaged OLE object of an unknown layout, not read");
        }

        if (file.Child(file.Root, "Package") is { IsStream: true } package)
        {
            byte[] content = Read(package);
            return (OfficeName(content), content);
        }

        if (file.Child(file.Root, "CONTENTS") is { IsStream: true } contents)
        {
            byte[] content = Read(contents);
            return content.Length >= 4 && content[0] == '%' && content[1] == 'P' && content[2] == 'D' && content[3] == 'F' ? ("object.pdf", content) : null;
        }

        return null;
    }

    /// <summary>
    /// Reads a Packager stream: its size (4 bytes), a type (2), the label and the original path (each ANSI, ending in a NUL),
    /// 4 bytes, the temporary path's length (4) and the path, then the file's length (4) and its bytes. Null when it is not
    /// laid out so (a linked object carries no file).
    /// </summary>
    internal static (string Name, byte[] Content)? Ole10Native(byte[] stream)
    {
        int at = 6;
        string? Ansi()
        {
            int end = Array.IndexOf(stream, (byte)0, at);
            if (end < 0)
            {
                return null;
            }

            string text = Encoding.GetEncoding("ISO-8859-1").GetString(stream, at, end - at);
            at = end + 1;
            return text;
        }

        int Int32()
        {
            if (at + 4 > stream.Length)
            {
                return -1;
            }

            int value = BitConverter.ToInt32(stream, at);
            at += 4;
            return value;
        }

        if (stream.Length < 6 || Ansi() is not { } label || Ansi() is not { } path)
        {
            return null;
        }

        at += 4;
        int temporary = Int32();
        if (temporary < 0 || at + temporary > stream.Length)
        {
            return null;
        }

        at += temporary;
        int length = Int32();
        if (length < 0 || at + length > stream.Length)
        {
            return null;
        }

        // The last segment of the label (or path), with what no file name may hold replaced: .NET Framework's Path methods throw on it.
        string name = (label.Length > 0 ? label : path).Replace('\\', '/');
        name = new string(name.Substring(name.LastIndexOf('/') + 1).Select(c => c < ' ' || "<>:\"|?*".IndexOf(c) >= 0 ? '_' : c).ToArray());
        var content = new byte[length];
        Array.Copy(stream, at, content, 0, length);
        return (name.Length == 0 ? "object" : name, content);
    }

    /// <summary>What an Office 2007+ package is, by its main part: "object.docx", "object.xlsx", "object.pptx" (else "object.zip").</summary>
    private static string OfficeName(byte[] content)
    {
        try
        {
            using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(content, writable: false), System.IO.Compression.ZipArchiveMode.Read);
            var entries = new HashSet<string>(zip.Entries.Select(e => e.FullName), StringComparer.OrdinalIgnoreCase);
            return entries.Contains("word/document.xml") ? "object.docx"
                : entries.Contains("xl/workbook.xml") ? "object.xlsx"
                : entries.Contains("ppt/presentation.xml") ? "object.pptx"
                : "object.zip";
        }
        catch (InvalidDataException)
        {
            return "object.bin";
        }
    }

    /// <summary>What a compound file that is not a message holds, by its top-level streams.</summary>
    private static string Kind(HashSet<string> names) =>
        names.Contains("EncryptedPackage") || names.Contains("EncryptionInfo") ? "password-protected (encrypted) Office file"
        : names.Contains("WordDocument") ? "Word 97-2003 document (.doc)"
        : names.Contains("Workbook") || names.Contains("Book") ? "Excel 97-2003 workbook (.xls)"
        : names.Contains("PowerPoint Document") ? "PowerPoint 97-2003 presentation (.ppt)"
        : "OLE compound document of an unknown kind";

    private static async Task MessageAsync(ExtractionContext context, CompoundFile file, CompoundFile.Entry storage, string where, int depth)
    {
        context.CancellationToken.ThrowIfCancellationRequested();
        string prefix = where == "Body" ? string.Empty : where + "/";
        var children = file.Children(storage);
        var strings = new Strings(context, file, children);

        foreach (int id in SenderProperties)
        {
            if (strings.Get(id) is { Length: > 0 } value)
            {
                context.Sink.AppendLine(prefix + "Header", value);
            }
        }

        foreach (var recipient in children.Where(e => e.IsStorage && e.Name.StartsWith(RecipientPrefix, StringComparison.OrdinalIgnoreCase)))
        {
            var properties = new Strings(context, file, file.Children(recipient));
            foreach (int id in RecipientProperties)
            {
                if (properties.Get(id) is { Length: > 0 } value)
                {
                    context.Sink.AppendLine(prefix + "Header", value);
                }
            }
        }

        if (strings.Get(0x0037) is { Length: > 0 } subject)
        {
            context.Sink.AppendLine(prefix + "Subject", subject);
        }

        Body(context, file, strings, prefix + "Body");

        foreach (var attachment in children.Where(e => e.IsStorage && e.Name.StartsWith(AttachmentPrefix, StringComparison.OrdinalIgnoreCase)))
        {
            await AttachmentAsync(context, file, attachment, prefix, depth).ConfigureAwait(false);
        }
    }

    /// <summary>The plain body when there is one (Outlook keeps it beside the formatted one); else HTML; else the compressed RTF.</summary>
    private static void Body(ExtractionContext context, CompoundFile file, Strings strings, string where)
    {
        if (strings.Get(0x1000) is { Length: > 0 } plain)
        {
            context.Sink.AppendLine(where, plain);
        }
        else if (strings.Get(0x1013) is { Length: > 0 } html)
        {
            HtmlExtractor.Extract(html, context.Sink, where);
        }
        else if (strings.Binary(0x1009) is { Length: > 0 } compressed)
        {
            using var rtf = new MemoryStream();
            using (var filtered = new FilteredStream(rtf))
            {
                filtered.Add(new RtfCompressedToRtf());
                filtered.Write(compressed, 0, compressed.Length);
                filtered.Flush();
            }

            context.Inflate(rtf.Length);
            rtf.Position = 0;
            RtfExtractor.Extract(context, rtf, where);
        }
    }

    private static async Task AttachmentAsync(ExtractionContext context, CompoundFile file, CompoundFile.Entry attachment, string prefix, int depth)
    {
        var children = file.Children(attachment);
        var strings = new Strings(context, file, children);
        string fileName = strings.Get(0x3707) ?? strings.Get(0x3704) ?? strings.Get(0x3001) ?? "attachment";
        var embedded = children.Find(e => e.IsStorage && e.Name.Equals(Properties + "3701000D", StringComparison.OrdinalIgnoreCase));
        if (embedded is not null)
        {
            string messageName = fileName.EndsWith(".msg", StringComparison.OrdinalIgnoreCase) ? fileName : fileName + ".msg";
            if (depth + 1 > context.Budget.MaxDepth)
            {
                context.Problem(depth + 1, $"{prefix}Attachment:{messageName}: nested deeper than {context.Budget.MaxDepth} levels");
                return;
            }

            await MessageAsync(context, file, embedded, prefix + "Attachment:" + messageName, depth + 1).ConfigureAwait(false);
            return;
        }

        context.Sink.AppendLine(prefix + "Attachment:" + fileName, fileName);
        using var data = strings.Open(0x3701);
        if (data is not null)
        {
            await context.Extractor.ExtractNestedAsync(context, data, fileName, Path.GetExtension(fileName), prefix + "Attachment:" + fileName, depth + 1).ConfigureAwait(false);
        }
    }

    private static string Name(int id, int type) => Properties + id.ToString("X4", CultureInfo.InvariantCulture) + type.ToString("X4", CultureInfo.InvariantCulture);

    /// <summary>The variable-length properties of one message, recipient or attachment ("__substg1.0_IIIITTTT" streams).</summary>
    private sealed class Strings
    {
        private readonly ExtractionContext _context;
        private readonly CompoundFile _file;
        private readonly Dictionary<string, CompoundFile.Entry> _streams;

        public Strings(ExtractionContext context, CompoundFile file, List<CompoundFile.Entry> children)
        {
            _context = context;
            _file = file;
            _streams = new Dictionary<string, CompoundFile.Entry>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in children.Where(e => e.IsStream && e.Name.StartsWith(Properties, StringComparison.OrdinalIgnoreCase)))
            {
                _streams[entry.Name] = entry;
            }
        }

        /// <summary>A string property (Unicode, else 8-bit in Windows-1252), or null.</summary>
        public string? Get(int id)
        {
            if (Bytes(id, 0x001F) is { } unicode)
            {
                return Encoding.Unicode.GetString(unicode).TrimEnd('\0');
            }

            if (Bytes(id, 0x001E) is { } ansi)
            {
                return TextEncodingSniffer.Windows1252.GetString(ansi).TrimEnd('\0');
            }

            // HTML bodies are often binary, in the message's code page: UTF-8 when the bytes are, else Windows-1252.
            if (id != 0x1013 || Bytes(id, 0x0102) is not { } binary)
            {
                return null;
            }

            var sniffed = TextEncodingSniffer.Sniff(binary);
            return (sniffed.Encoding ?? TextEncodingSniffer.Windows1252).GetString(binary, sniffed.PreambleLength, binary.Length - sniffed.PreambleLength);
        }

        public byte[]? Binary(int id) => Bytes(id, 0x0102);

        /// <summary>A binary property as a stream read from the file as it is consumed (attachment data can be large).</summary>
        public Stream? Open(int id)
        {
            if (!_streams.TryGetValue(Name(id, 0x0102), out var entry))
            {
                return null;
            }

            _context.Inflate(entry.Size);
            return _file.OpenRead(entry);
        }

        private byte[]? Bytes(int id, int type)
        {
            if (!_streams.TryGetValue(Name(id, type), out var entry))
            {
                return null;
            }

            _context.Inflate(entry.Size);
            return _file.Read(entry, _context.Budget.MaxInflatedBytes);
        }
    }
}
