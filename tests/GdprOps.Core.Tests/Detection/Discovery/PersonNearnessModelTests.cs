using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using GdprOps.Detection.Discovery;
using GdprOps.Extraction;
using Xunit;

namespace GdprOps.Tests.Detection.Discovery;

/// <summary>
/// An item's scan reads references to a person only around the terms whose place can still change its verdict (not around
/// a term whose category is already about a person, and anchored for a strong term). Held against a model that reads them
/// around every term: on random case notes of many chunks, mixing strong and weak terms, names, roles, pronouns, filler
/// and identifiers, every score, count, evidence and location is the same.
/// </summary>
public sealed class PersonNearnessModelTests
{
    private static readonly string[] People = { "The employee", "Jens Holm", "Hun", "mevrouw De Wit", "Anna is", "the tenant", "Mr Jensen", "lejeren", "hij" };
    private static readonly string[] Filler =
    {
        "The shipment left the Aarhus warehouse on Monday.", "De levering is vertraagd door het weer.", "Vi har modtaget jeres bestilling.",
        "Meeting notes: budget approved, next review in Q3.", "Please confirm the quantities before we invoice.", "Contact: c12@fjord.example.",
    };

    [Fact]
    public void Scores_counts_and_evidence_are_those_of_reading_around_every_term()
    {
        var terms = SpecialCategoryLexicon.All.Select(t => string.Join(" ", t.Words)).ToArray();
        var scanner = new DiscoveryScanner();
        var random = new Random(20);
        for (int round = 0; round < 400; round++)
        {
            // Filler with a few term sentences in it (one to four, from a pool of two or three terms so the same term
            // comes back), each about a person or not: sparse, so whether a term stands near a person decides its category.
            var pool = Enumerable.Range(0, random.Next(2, 4)).Select(_ => terms[random.Next(terms.Length)]).ToArray();
            int length = random.Next(500, 30_000);
            var sentences = Enumerable.Range(0, random.Next(1, 5))
                .Select(_ => (At: random.Next(length), Text: (random.Next(2) == 0 ? People[random.Next(People.Length)] + " " : "Note: ") + pool[random.Next(pool.Length)] + ". "))
                .OrderBy(s => s.At).ToList();
            var text = new StringBuilder();
            int next = 0;
            while (text.Length < length || next < sentences.Count)
            {
                if (next < sentences.Count && text.Length >= sentences[next].At)
                {
                    text.Append(sentences[next++].Text);
                }
                else
                {
                    text.Append(Filler[random.Next(Filler.Length)]).Append(random.Next(3) == 0 ? "\n" : " ");
                }
            }

            var scanned = new DiscoveryAccumulator();
            var model = new DiscoveryAccumulator { ReadsEveryNearness = true };
            var sink = new ChunkingTextSink(chunk =>
            {
                scanner.ScanInto(scanned, chunk);
                ReadAroundEveryTerm(scanner, model, chunk);
            }, chunkChars: 4096);
            sink.Append("Body", text.ToString());
            sink.Complete();

            Assert.Equal(model.Scores.OrderBy(p => p.Key), scanned.Scores.OrderBy(p => p.Key));
            Assert.Equal(model.CategoryCounts(65).OrderBy(p => p.Key), scanned.CategoryCounts(65).OrderBy(p => p.Key));
            Assert.Equal(model.Evidence(65), scanned.Evidence(65));
            Assert.Equal(model.Where(65), scanned.Where(65));
        }
    }

    /// <summary>The scan of one chunk as it was before: references to a person read around every term the chunk owns.</summary>
    private static void ReadAroundEveryTerm(DiscoveryScanner scanner, DiscoveryAccumulator accumulator, TextChunk chunk)
    {
        string text = chunk.Text;
        var identifiers = scanner.ScanIdentifiers(text);
        var hits = new List<(string Category, string Term, int Start, bool Weak)>();
        scanner.ScanSpecialCategories(text, hits);
        hits.RemoveAll(t => !chunk.Owns(t.Start));
        var people = new List<int>();
        int reached = 0;
        foreach (var hit in hits)
        {
            int from = Math.Max(reached, hit.Start - DiscoveryAccumulator.PersonWindow);
            int to = Math.Min(text.Length, hit.Start + DiscoveryAccumulator.PersonWindow);
            if (to > from)
            {
                DiscoveryScanner.ScanPersonReferences(text, from, to, people);
                reached = to;
            }
        }

        accumulator.Add(chunk.Where, chunk.Offset, identifiers, hits, null, people, chunk.OwnedFrom, chunk.OwnedTo);
    }
}
