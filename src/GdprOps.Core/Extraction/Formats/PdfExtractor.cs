using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using UglyToad.PdfPig;
using UglyToad.PdfPig.AcroForms;
using UglyToad.PdfPig.Exceptions;

namespace GdprOps.Extraction.Formats;

/// <summary>
/// The text layer of a PDF with PdfPig, page by page within the page and time budgets; with it what a PDF keeps beside
/// its pages: filled-in form fields, comments and sticky notes, mailto:/tel: links, document information ("Metadata")
/// and attached files (read as nested items). PdfPig cannot be
/// interrupted inside a page, so parsing runs on its own task and the item is reported over budget when it
/// does not finish in time.
/// </summary>
internal static class PdfExtractor
{
    public static async Task ExtractAsync(ExtractionContext context, Stream stream, string where, int depth)
    {
        var lines = new System.Collections.Concurrent.ConcurrentQueue<(string Where, string Text)>();
        var embedded = new System.Collections.Concurrent.ConcurrentQueue<(string Name, byte[] Content)>();
        string metadata = ContentExtractor.Within(where, "Metadata");
        string? stopped = null;
        var parse = Task.Run(() =>
        {
            try
            {
                using var document = PdfDocument.Open(stream, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
                int count = document.NumberOfPages;
                foreach (var page in document.GetPages())
                {
                    // Throw, never return: a run cut short by the time budget must not look complete.
                    context.CancellationToken.ThrowIfCancellationRequested();

                    if (page.Number > context.Budget.MaxPdfPages)
                    {
                        stopped = $"only the first {context.Budget.MaxPdfPages} of {count} pages read";
                        break;
                    }

                    lines.Enqueue((where, PageText(page)));
                    Annotations(page, where, lines);
                }

                Form(document, where, lines);
                var information = document.Information;
                foreach (string? value in new[] { information.Author, information.Title, information.Subject, information.Keywords, information.Creator })
                {
                    if (!string.IsNullOrWhiteSpace(value))
                    {
                        lines.Enqueue((metadata, value!));
                    }
                }

                if (document.Advanced.TryGetEmbeddedFiles(out var files))
                {
                    foreach (var file in files)
                    {
                        context.CancellationToken.ThrowIfCancellationRequested();
                        context.Inflate(file.Bytes.Length);
                        embedded.Enqueue((SafeName(file.Name), file.Bytes.ToArray()));
                    }
                }
            }
            catch (PdfDocumentEncryptedException ex)
            {
                throw new ExtractionLimitException("encrypted PDF", ex);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException and not ExtractionLimitException)
            {
                // A parser's own failures on a hostile or broken file: this item, not the run.
                throw new ExtractionLimitException("corrupt PDF (" + ex.GetType().Name + ")", ex);
            }
        });

        var finished = await Task.WhenAny(parse, Task.Delay(Timeout(context), context.CancellationToken)).ConfigureAwait(false);
        while (lines.TryDequeue(out var line))
        {
            context.Sink.AppendLine(line.Where, line.Text);
        }

        if (finished != parse)
        {
            _ = parse.ContinueWith(t => t.Exception, TaskScheduler.Default);
            throw new ExtractionLimitException($"PDF parsing did not finish within {context.Budget.Timeout.TotalSeconds:0} s");
        }

        await parse.ConfigureAwait(false);
        if (stopped is not null)
        {
            context.Result.Partial((where == "Body" ? string.Empty : where + ": ") + stopped);
        }

        // Files attached to the PDF (a portfolio's documents, an invoice's XML): each read as a nested item.
        var files = embedded.Select(file => (file.Name, (Stream)new MemoryStream(file.Content, writable: false))).ToList();
        await context.Extractor.ExtractEmbeddedAsync(context, files, where, depth).ConfigureAwait(false);
    }

    /// <summary>
    /// A page's words in the order PdfPig gives them, a space between words of one line and a line break where the next word
    /// stands on another line (its baseline moved by more than half the smaller word's height). Joined by spaces alone, a name
    /// a justified letter breaks at a line's end ("Øster-" above "gaard") read as "Øster- gaard", which is two words.
    /// </summary>
    private static string PageText(UglyToad.PdfPig.Content.Page page)
    {
        var text = new System.Text.StringBuilder();
        UglyToad.PdfPig.Content.Word? previous = null;
        foreach (var word in page.GetWords())
        {
            if (previous is not null)
            {
                double height = Math.Min(word.BoundingBox.Height, previous.BoundingBox.Height);
                text.Append(Math.Abs(word.BoundingBox.Bottom - previous.BoundingBox.Bottom) > Math.Max(1, height / 2) ? '\n' : ' ');
            }

            text.Append(word.Text);
            previous = word;
        }

        return text.ToString();
    }

    /// <summary>
    /// A page's annotations: a comment's or a sticky note's text (/Contents), and a link's mailto: or tel: target (the page
    /// shows "write to us", the address is only in the link).
    /// </summary>
    private static void Annotations(UglyToad.PdfPig.Content.Page page, string where, System.Collections.Concurrent.ConcurrentQueue<(string Where, string Text)> lines)
    {
        foreach (var annotation in page.GetAnnotations())
        {
            if (!string.IsNullOrWhiteSpace(annotation.Content))
            {
                lines.Enqueue((where, annotation.Content!));
            }

            if (annotation.Action is UglyToad.PdfPig.Actions.UriAction { Uri: { } uri } && HtmlExtractor.MailOrPhone(uri) is { } target)
            {
                lines.Enqueue((where, target));
            }
        }
    }

    /// <summary>
    /// A form's filled-in fields, a line each, its name before its value ("CPR-nummer: 150390-1230"): a PDF form holds what
    /// was typed into it in its fields, not on the page, unless it was flattened.
    /// </summary>
    private static void Form(PdfDocument document, string where, System.Collections.Concurrent.ConcurrentQueue<(string Where, string Text)> lines)
    {
        if (!document.TryGetForm(out var form))
        {
            return;
        }

        foreach (var field in form.GetFields())
        {
            string? value = field switch
            {
                UglyToad.PdfPig.AcroForms.Fields.AcroTextField text => text.Value,
                UglyToad.PdfPig.AcroForms.Fields.AcroComboBoxField combo => string.Join(", ", combo.SelectedOptions ?? Array.Empty<string>()),
                UglyToad.PdfPig.AcroForms.Fields.AcroListBoxField list => string.Join(", ", list.SelectedOptions ?? Array.Empty<string>()),
                _ => null,
            };
            if (!string.IsNullOrWhiteSpace(value))
            {
                string? label = field.Information?.AlternateName ?? field.Information?.PartialName;
                lines.Enqueue((where, string.IsNullOrWhiteSpace(label) ? value! : label + ": " + value));
            }
        }
    }

    /// <summary>An attached file's name as a nested item's: its last path segment, without control characters.</summary>
    private static string SafeName(string? name)
    {
        string last = (name ?? string.Empty).Replace('\\', '/');
        last = last.Substring(last.LastIndexOf('/') + 1);
        last = new string(last.Where(c => !char.IsControl(c)).ToArray());
        return last.Length == 0 ? "attachment" : last;
    }

    private static TimeSpan Timeout(ExtractionContext context) => context.Budget.Timeout;
}
