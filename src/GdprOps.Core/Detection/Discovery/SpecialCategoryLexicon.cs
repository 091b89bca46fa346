using System;
using System.Collections.Generic;
using System.Linq;

namespace GdprOps.Detection.Discovery;

/// <summary>
/// Terms that reveal special categories of personal data (GDPR Art. 9) and criminal data (Art. 10), in
/// English, Dutch and Danish. A trailing '*' matches word prefixes, which covers Dutch and Danish compounds.
/// A leading '!' marks a weak, generic term: alone it only ever scores Low.
/// </summary>
public static class SpecialCategoryLexicon
{
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Terms = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [DetectorIds.Health] = new[]
        {
            "!health", "!medical", "diagnos*", "illness", "sick leave", "sick note", "disabilit*", "pregnan*", "medication", "!hospital",
            "gezondheid*", "medisch*", "ziekte*", "ziekmelding", "ziekteverzuim", "arbeidsongeschikt*", "zwanger*", "huisarts", "bedrijfsarts",
            "helbred*", "sundhedsoplysning*", "sygdom*", "sygemeld*", "sygefravær", "gravid*", "!læge", "sygehus", "psykolog*",
        },
        [DetectorIds.Religion] = new[]
        {
            "religion", "religious", "!church", "mosque", "synagogue", "religie", "geloof", "!kerk", "moskee", "trosretning", "!kirke", "moské", "kirkeskat",
        },
        [DetectorIds.EthnicOrigin] = new[] { "ethnic origin", "ethnicity", "!race", "etnische afkomst", "etniciteit", "etnisk oprindelse", "etnicitet" },
        [DetectorIds.Political] = new[] { "political party", "political opinion*", "party member*", "politieke voorkeur", "partijlid*", "politisk holdning", "partimedlem*" },
        [DetectorIds.TradeUnion] = new[] { "trade union", "union member*", "union dues", "vakbond*", "vakbondslid*", "fagforening*", "tillidsrepræsentant" },
        [DetectorIds.SexLife] = new[] { "sexual orientation", "sex life", "seksuele geaardheid", "seksuel orientering" },
        [DetectorIds.Genetic] = new[] { "genetic*", "!dna", "genome", "genetisch*", "erfelijkheidsonderzoek", "genetisk*", "gentest" },
        [DetectorIds.Biometric] = new[] { "biometric*", "fingerprint*", "facial recognition", "biometrisch*", "vingerafdruk*", "biometrisk*", "fingeraftryk*" },
        [DetectorIds.Criminal] = new[]
        {
            "criminal record", "conviction", "convicted", "strafblad", "!vog", "verklaring omtrent het gedrag", "straffeattest", "børneattest", "strafferegister",
        },
    };

    /// <summary>One lexicon term: its category, words, whether the last word is a prefix, and whether it is weak.</summary>
    public sealed record Term(string Category, string[] Words, bool Prefix, bool Weak, string Text);

    public static readonly IReadOnlyList<Term> All = Terms
        .SelectMany(pair => pair.Value.Select(raw =>
        {
            bool weak = raw.StartsWith("!", StringComparison.Ordinal);
            string text = weak ? raw.Substring(1) : raw;
            bool prefix = text.EndsWith("*", StringComparison.Ordinal);
            string words = prefix ? text.Substring(0, text.Length - 1) : text;
            return new Term(pair.Key, words.Split(new[] { ' ', '-' }, StringSplitOptions.RemoveEmptyEntries), prefix, weak, text);
        }))
        .ToArray();
}
