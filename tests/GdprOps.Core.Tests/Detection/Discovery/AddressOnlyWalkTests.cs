using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using GdprOps.Detection.Discovery;
using Xunit;

namespace GdprOps.Tests.Detection.Discovery;

/// <summary>
/// When no detector that a digit can start is on (a sweep for e-mail only, or for special categories only), the walk stops
/// only at '@' and "%40". It must find exactly what the walk that stops at every candidate finds.
/// </summary>
public class AddressOnlyWalkTests
{
    private static readonly DateTime Today = new(2026, 12, 2);

    [Fact]
    public void An_email_only_sweep_finds_what_the_full_walk_finds_in_every_kind_of_text()
    {
        var quick = new DiscoveryScanner(new[] { DetectorIds.Email }, Today, contextWindows: true);
        var full = new DiscoveryScanner(new[] { DetectorIds.Email }, Today, contextWindows: true, walkEveryCandidate: true);
        int addresses = 0, texts = 0;
        foreach (string text in Texts())
        {
            var expected = full.ScanIdentifiers(text);
            Assert.Equal(expected, quick.ScanIdentifiers(text));
            addresses += expected.Count;
            texts++;
        }

        // The texts hold addresses in every form the walk meets: the comparison is not of two empty lists.
        Assert.True(addresses > texts / 2, $"{addresses} addresses in {texts} texts");
    }

    [Theory]
    [InlineData("GET /api?email=jens%40example.dk&id=4 200", 1)]
    [InlineData("mail 20%40 off, 12@3 and 4%4", 0)]
    [InlineData("tel 12345678, mail 12345678@sms.example.dk", 1)]
    [InlineData("anna@example.nl;10.0.0.1;+31612345678;jens@example.dk%", 2)]
    public void An_email_only_sweep_reads_addresses_beside_digits_and_in_query_strings(string text, int count)
    {
        var quick = new DiscoveryScanner(new[] { DetectorIds.Email }, Today, contextWindows: true);
        var found = quick.ScanIdentifiers(text);
        Assert.Equal(count, found.Count);
        Assert.All(found, d => Assert.Equal(DetectorIds.Email, d.DetectorId));
    }

    [Fact]
    public void A_special_categories_only_sweep_finds_no_identifier_and_the_same_terms()
    {
        var quick = new DiscoveryScanner(new[] { DetectorIds.Health }, Today, contextWindows: true);
        var full = new DiscoveryScanner(new[] { DetectorIds.Health }, Today, contextWindows: true, walkEveryCandidate: true);
        const string text = "Jens Holm (CPR 150390-1230, jens@example.dk, +45 20 12 34 56) er sygemeldt med stress.";
        Assert.Empty(quick.ScanIdentifiers(text));
        Assert.Empty(full.ScanIdentifiers(text));
        var quickTerms = new List<(string Category, string Term, int Start, bool Weak)>();
        var fullTerms = new List<(string Category, string Term, int Start, bool Weak)>();
        quick.ScanSpecialCategories(text, quickTerms);
        full.ScanSpecialCategories(text, fullTerms);
        Assert.NotEmpty(quickTerms);
        Assert.Equal(fullTerms, quickTerms);
    }

    private static IEnumerable<string> Texts()
    {
        foreach (var document in new LabelledCorpus(20261202).Generate(40))
        {
            yield return document.Text;
        }

        // Pieces a CSV export, a log and a form put side by side, in random order: addresses glued to digits, after a '+', a
        // ':' or a digit run with separators, URL-encoded, cut at the end of the text.
        string[] pieces =
        {
            "jens@example.dk", "a.b-c@sub.example.co.uk", "12345678@sms.example.dk", "%40example.dk", "user%40mail.example.nl",
            "+45 20 12 34 56", "150390-1230", "10.0.0.1", "fe80::1", "2026-11-01T10:00:00Z", "NL91ABNA0417164300", "AB123456C",
            " ", ",", ";", ":", "\n", "@", "%", "%4", "%40", "4", "0", "12", "x", "Anna", "mail=", "tel:", "<", ">", "\"",
        };
        var random = new Random(20261202);
        for (int round = 0; round < 1500; round++)
        {
            var text = new StringBuilder();
            int length = random.Next(0, 240);
            while (text.Length < length)
            {
                text.Append(pieces[random.Next(pieces.Length)]);
            }

            yield return text.ToString();
        }
    }
}
