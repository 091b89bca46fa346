using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Extraction.Formats;

namespace GdprOps.Extraction;

/// <summary>
/// Turns an item's bytes into text parts: plain text in any common encoding, HTML (visible text and link
/// targets), email (MIME: headers, bodies, attachments and attached messages, recursively; TNEF), Outlook
/// .msg, Word, Excel and PowerPoint (OOXML), RTF, PDF (text layer) and zip archives (nested), each under the
/// item's budget. The format
/// comes from the extension, or from the content's first bytes when the extension says nothing.
/// </summary>
public sealed class ContentExtractor
{
    private readonly ExtractionBudget _budget;

    public ContentExtractor(ExtractionBudget? budget = null)
    {
        _budget = budget ?? new ExtractionBudget();
    }

    public ExtractionBudget Budget => _budget;

    /// <summary>The formats read, by extension.</summary>
    public enum Format
    {
        Unsupported,
        Text,
        Html,
        Mime,
        Word,
        Excel,
        PowerPoint,
        Pdf,
        Zip,
        Rtf,
        Outlook,
    }

    public static Format FormatOf(string extension) => extension.ToLowerInvariant() switch
    {
        ".html" or ".htm" or ".xhtml" => Format.Html,
        ".eml" or ".mht" or ".mhtml" => Format.Mime,
        ".docx" or ".docm" or ".dotx" or ".dotm" => Format.Word,
        ".xlsx" or ".xlsm" or ".xltx" or ".xltm" => Format.Excel,
        ".pptx" or ".pptm" or ".potx" or ".ppsx" => Format.PowerPoint,
        ".pdf" => Format.Pdf,
        ".zip" => Format.Zip,
        ".rtf" => Format.Rtf,
        ".msg" => Format.Outlook,
        var e when ContentTypes.IsTextLike(e) => Format.Text,
        _ => Format.Unsupported,
    };

    /// <summary>
    /// Extracts <paramref name="stream"/> into <paramref name="sink"/> under <paramref name="where"/>. Problems
    /// with the item or its parts are recorded in the result; I/O errors of the source propagate.
    /// </summary>
    public async Task<ExtractionResult> ExtractAsync(Stream stream, string name, string extension, ChunkingTextSink sink, CancellationToken cancellationToken)
    {
        var result = new ExtractionResult();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_budget.Timeout);
        var context = new ExtractionContext(this, sink, result, timeout.Token);
        try
        {
            await ExtractNestedAsync(context, stream, name, extension, "Body", 0).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            result.Partial($"Time budget exceeded ({_budget.Timeout.TotalSeconds:0} s)");
        }

        sink.Complete();
        return result;
    }

    /// <summary>Extracts one (possibly nested) item; format problems become NotScanned (top level) or Partial (nested).</summary>
    internal async Task ExtractNestedAsync(ExtractionContext context, Stream stream, string name, string extension, string where, int depth)
    {
        context.CancellationToken.ThrowIfCancellationRequested();
        if (depth > _budget.MaxDepth)
        {
            context.Problem(depth, $"{Describe(where, name)}: nested deeper than {_budget.MaxDepth} levels");
            return;
        }

        var format = FormatOf(extension);
        var seekable = await Seekable.EnsureAsync(stream, _budget.MaxInflatedBytes, context.CancellationToken).ConfigureAwait(false);
        try
        {
            format = Sniff(seekable.Stream, format);

            switch (format)
            {
                case Format.Text:
                    await PlainTextExtractor.ExtractAsync(context, seekable.Stream, where, depth).ConfigureAwait(false);
                    break;
                case Format.Html:
                    HtmlExtractor.Extract(seekable.Stream, context.Sink, where);
                    break;
                case Format.Mime:
                    await MimeExtractor.ExtractAsync(context, seekable.Stream, where, depth).ConfigureAwait(false);
                    break;
                case Format.Word:
                case Format.Excel:
                case Format.PowerPoint:
                    await ExtractEmbeddedAsync(context, OoxmlExtractor.Extract(context, seekable.Stream, format, where), where, depth).ConfigureAwait(false);
                    break;
                case Format.Pdf:
                    await PdfExtractor.ExtractAsync(context, seekable.Stream, where, depth).ConfigureAwait(false);
                    break;
                case Format.Zip:
                    await ZipExtractor.ExtractAsync(context, seekable.Stream, where, depth).ConfigureAwait(false);
                    break;
                case Format.Rtf:
                    RtfExtractor.Extract(context, seekable.Stream, where);
                    break;
                case Format.Outlook:
                    await OleExtractor.ExtractAsync(context, seekable.Stream, where, depth).ConfigureAwait(false);
                    break;
                default:
                    context.Problem(depth, $"{Describe(where, name)}: type not read ({(extension.Length == 0 ? "no extension" : extension)})");
                    break;
            }
        }
        catch (ExtractionLimitException ex)
        {
            context.Problem(depth, $"{Describe(where, name)}: {ex.Message}");
        }
        finally
        {
            seekable.Dispose();
        }
    }

    /// <summary>
    /// The files embedded in an Office document, each read as a nested item ("Embedded:Microsoft_Excel_Worksheet.xlsx"): a
    /// chart's workbook, a sheet pasted into a letter, a message dropped onto a slide. What cannot be read is said so.
    /// </summary>
    /// <param name="kind">How the parts are named: "Embedded" (Office, PDF), "Object" (the file an OLE object wraps).</param>
    internal async Task ExtractEmbeddedAsync(ExtractionContext context, List<(string Name, Stream Content)> embedded, string where, int depth, string kind = "Embedded")
    {
        try
        {
            foreach (var (name, content) in embedded)
            {
                await ExtractNestedAsync(context, content, name, Path.GetExtension(name), Within(where, kind + ":" + name), depth + 1).ConfigureAwait(false);
            }
        }
        finally
        {
            foreach (var (_, content) in embedded)
            {
                content.Dispose();
            }
        }
    }

    /// <summary>
    /// Content beats a missing or misleading extension: a PDF named .txt is read as a PDF. An OLE compound file
    /// is an Outlook .msg, or what a password-protected .docx/.xlsx really is, or a legacy .doc/.xls: it is
    /// opened to read the message or to say which, rather than "corrupt".
    /// </summary>
    private static Format Sniff(Stream stream, Format byExtension)
    {
        var head = new byte[8];
        int n = stream.Read(head, 0, head.Length);
        stream.Position = 0;
        if (CompoundFile.IsCompoundFile(head.AsSpan(0, n)))
        {
            return Format.Outlook;
        }

        if (byExtension is not (Format.Text or Format.Unsupported))
        {
            return byExtension;
        }

        if (n >= 4 && head[0] == '%' && head[1] == 'P' && head[2] == 'D' && head[3] == 'F')
        {
            return Format.Pdf;
        }

        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4)
        {
            return Format.Zip;
        }

        if (RtfExtractor.IsRtf(head.AsSpan(0, n)))
        {
            return Format.Rtf;
        }

        return byExtension;
    }

    internal static string Describe(string where, string name) => where == "Body" ? name : where;

    /// <summary>The name of <paramref name="part"/> of the item part <paramref name="where"/>: itself in the body ("Metadata"), else below it ("Attachment:a.eml/Metadata").</summary>
    internal static string Within(string where, string part) => where == "Body" ? part : where + "/" + part;
}
