using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace GdprOps.Extraction.Formats;

/// <summary>
/// The text layer of a PDF with PdfPig, page by page within the page and time budgets. PdfPig cannot be
/// interrupted inside a page, so parsing runs on its own task and the item is reported over budget when it
/// does not finish in time.
/// </summary>
internal static class PdfExtractor
{
    public static async Task ExtractAsync(ExtractionContext context, Stream stream, string where)
    {
        var pages = new System.Collections.Concurrent.ConcurrentQueue<string>();
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
                        return;
                    }

                    pages.Enqueue(string.Join(" ", page.GetWords().Select(w => w.Text)));
                }
            }
            catch (PdfDocumentEncryptedException ex)
            {
                throw new ExtractionLimitException("encrypted PDF", ex);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                // A parser's own failures on a hostile or broken file: this item, not the run.
                throw new ExtractionLimitException("corrupt PDF (" + ex.GetType().Name + ")", ex);
            }
        });

        var finished = await Task.WhenAny(parse, Task.Delay(Timeout(context), context.CancellationToken)).ConfigureAwait(false);
        while (pages.TryDequeue(out string? text))
        {
            context.Sink.AppendLine(where, text);
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
    }

    private static TimeSpan Timeout(ExtractionContext context) => context.Budget.Timeout;
}
