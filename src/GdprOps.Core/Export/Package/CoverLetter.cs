using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using GdprOps.Model;

namespace GdprOps.Export.Package;

/// <summary>
/// README.html, the letter the person reads first: who the controller is, where we looked, what was found by category
/// and source, the Art. 15(1) and (2) information from the <see cref="ControllerProfile"/>, the person's rights and
/// where to complain, in English, Danish or Dutch. It names no item and no other person.
/// </summary>
public static class CoverLetter
{
    public static readonly IReadOnlyList<string> Languages = new[] { "en", "da", "nl" };

    /// <summary>What the letter is about: the request, and what was exported from where.</summary>
    public sealed class Content
    {
        public string? CaseId { get; init; }

        public DateTime ReceivedOn { get; init; }

        public DateTime DueOn { get; init; }

        public bool Extended { get; init; }

        public IReadOnlyList<SourceKind> SearchedKinds { get; init; } = Array.Empty<SourceKind>();

        /// <summary>Items exported per source kind.</summary>
        public IReadOnlyList<(SourceKind Kind, int Items)> Exported { get; init; } = Array.Empty<(SourceKind, int)>();

        /// <summary>Items per category id.</summary>
        public IReadOnlyList<(string Category, int Items)> Categories { get; init; } = Array.Empty<(string, int)>();

        public int Failed { get; init; }

        public ControllerProfile? Controller { get; init; }
    }

    public static string CheckLanguage(string? language)
    {
        string value = (language ?? "en").Trim().ToLowerInvariant();
        if (!Languages.Contains(value))
        {
            throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, $"The letter's language '{language}' is not one GdprOps writes: en, da or nl.");
        }

        return value;
    }

    public static string Render(Content content, string language)
    {
        var t = Texts[CheckLanguage(language)];
        string lang = language;
        var c = content.Controller;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(lang).Append("\"><head><meta charset=\"utf-8\"><title>").Append(E(t["title"])).Append("</title>")
            .Append("<style>body{font-family:sans-serif;max-width:48em;margin:2em auto;line-height:1.45}h2{margin-top:1.6em}</style></head><body>\n");
        html.Append("<h1>").Append(E(t["title"])).Append("</h1>\n");
        html.Append("<p>").Append(E(string.Format(CultureInfo.InvariantCulture, t["intro"],
            content.CaseId is null ? string.Empty : " " + string.Format(CultureInfo.InvariantCulture, t["reference"], content.CaseId),
            Date(content.ReceivedOn, lang), Date(content.DueOn, lang))));
        if (content.Extended)
        {
            html.Append(' ').Append(E(t["extended"]));
        }

        html.Append("</p>\n");

        if (c is not null)
        {
            html.Append("<h2>").Append(E(t["who"])).Append("</h2>\n<p>").Append(E(c.Text("controller", lang)!));
            if (c.Text("dpoContact", lang) is { } dpo)
            {
                html.Append("<br>").Append(E(t["dpo"])).Append(": ").Append(E(dpo));
            }

            html.Append("</p>\n");
        }

        html.Append("<h2>").Append(E(t["where"])).Append("</h2>\n<ul>\n");
        foreach (var kind in content.SearchedKinds.Distinct().OrderBy(k => k))
        {
            html.Append("<li>").Append(E(t["source." + kind])).Append("</li>\n");
        }

        html.Append("</ul>\n<h2>").Append(E(t["found"])).Append("</h2>\n");
        int total = content.Exported.Sum(e => e.Items);
        if (total == 0)
        {
            html.Append("<p>").Append(E(t["none"])).Append("</p>\n");
        }
        else
        {
            string[] around = string.Format(CultureInfo.InvariantCulture, t["inFolder"], Count(total, t), "\u0001").Split('\u0001');
            html.Append("<p>").Append(E(around[0])).Append("<code>items</code>").Append(E(around[1])).Append("</p>\n<ul>\n");
            foreach (var (kind, items) in content.Exported.OrderBy(e => e.Kind.ToString(), StringComparer.Ordinal))
            {
                html.Append("<li>").Append(items.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(E(t["source." + kind])).Append("</li>\n");
            }

            html.Append("</ul>\n");
        }

        if (content.Categories.Count > 0)
        {
            html.Append("<p>").Append(E(t["kinds"])).Append("</p>\n<ul>\n");
            foreach (var (category, items) in content.Categories.OrderByDescending(x => x.Items).ThenBy(x => x.Category, StringComparer.Ordinal))
            {
                html.Append("<li>").Append(E(CategoryName(category, lang))).Append(": ").Append(E(Count(items, t))).Append("</li>\n");
            }

            html.Append("</ul>\n");
        }

        if (c is not null)
        {
            List("purposes", c.Texts("purposes", lang));
            List("legalBases", c.Texts("legalBases", lang));
            List("recipients", c.Texts("recipients", lang));
            List("retention", c.Retention(lang).Select(r => r.Category + ": " + r.Period).ToList());
            List("sources", c.Texts("sources", lang));
            List("automatedDecisions", c.Texts("automatedDecisions", lang));
            List("transfers", c.Texts("transfers", lang));
        }

        html.Append("<h2>").Append(E(t["rights"])).Append("</h2>\n<p>").Append(E(t["rightsText"])).Append("</p>\n<p>");
        if (c?.Authority(lang) is { } authority)
        {
            html.Append(E(t["complainTo"])).Append(' ').Append(E(authority.Name));
            if (authority.Address is not null)
            {
                html.Append(", ").Append(E(authority.Address));
            }

            if (authority.Url is not null)
            {
                html.Append(", <a href=\"").Append(E(authority.Url)).Append("\">").Append(E(authority.Url)).Append("</a>");
            }

            html.Append('.');
        }
        else
        {
            html.Append(E(t["complainAny"]));
        }

        html.Append("</p>\n");
        if (content.Failed > 0)
        {
            html.Append("<h2>").Append(E(t["notRead"])).Append("</h2>\n<p>")
                .Append(E(string.Format(CultureInfo.InvariantCulture, content.Failed == 1 ? t["failedOne"] : t["failedMany"], Count(content.Failed, t)))).Append("</p>\n");
        }

        html.Append("<h2>").Append(E(t["files"])).Append("</h2>\n<p>").Append(E(t["filesText"])).Append("</p>\n");
        html.Append("</body></html>\n");
        return html.ToString();

        void List(string name, IReadOnlyList<string> values)
        {
            if (values.Count == 0)
            {
                return;
            }

            html.Append("<h2>").Append(E(t["h." + name])).Append("</h2>\n");
            if (values.Count == 1)
            {
                html.Append("<p>").Append(E(values[0])).Append("</p>\n");
                return;
            }

            html.Append("<ul>\n");
            foreach (string value in values)
            {
                html.Append("<li>").Append(E(value)).Append("</li>\n");
            }

            html.Append("</ul>\n");
        }
    }

    /// <summary>"1 item", "6 items"; "1 dokument", "6 dokumenter"; "1 document", "6 documenten".</summary>
    public static string Count(int count, string language) => Count(count, Texts[CheckLanguage(language)]);

    private static string Count(int count, IReadOnlyDictionary<string, string> t) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? t["item"] : t["items"]);

    /// <summary>A category as the person reads it, in the letter's language.</summary>
    public static string CategoryName(string id, string language)
    {
        var t = Texts[CheckLanguage(language)];
        string key = id.StartsWith("POSTCODE", StringComparison.Ordinal) ? "cat.POSTCODE" : "cat." + id;
        return t.TryGetValue(key, out string? name) ? name : id;
    }

    private static string Date(DateTime date, string language) => language switch
    {
        "da" => date.Day.ToString(CultureInfo.InvariantCulture) + ". " + DanishMonths[date.Month - 1] + " " + date.Year.ToString(CultureInfo.InvariantCulture),
        "nl" => date.Day.ToString(CultureInfo.InvariantCulture) + " " + DutchMonths[date.Month - 1] + " " + date.Year.ToString(CultureInfo.InvariantCulture),
        _ => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture),
    };

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static readonly string[] DanishMonths = { "januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december" };
    private static readonly string[] DutchMonths = { "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december" };

    private static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Texts = new Dictionary<string, IReadOnlyDictionary<string, string>>
    {
        ["en"] = new Dictionary<string, string>
        {
            ["title"] = "Your personal data",
            ["intro"] = "We received your request{0} on {1} and answer it by {2} at the latest.",
            ["reference"] = "(reference {0})",
            ["extended"] = "The deadline was extended by two months, as we told you.",
            ["who"] = "Who we are",
            ["dpo"] = "Data protection officer",
            ["where"] = "Where we looked",
            ["found"] = "What we found",
            ["none"] = "We found no items with your personal data.",
            ["inFolder"] = "{0}, in the folder {1}:",
            ["kinds"] = "Kinds of personal data in these items:",
            ["item"] = "item",
            ["items"] = "items",
            ["source.FileShare"] = "files on file shares",
            ["source.Mailbox"] = "e-mail messages (mailboxes)",
            ["source.Drive"] = "files in OneDrive, SharePoint and Teams",
            ["source.Blob"] = "files in Azure storage",
            ["h.purposes"] = "Why we process your data",
            ["h.legalBases"] = "On what legal basis",
            ["h.recipients"] = "Who receives your data",
            ["h.retention"] = "How long we keep it",
            ["h.sources"] = "Where your data comes from",
            ["h.automatedDecisions"] = "Automated decisions",
            ["h.transfers"] = "Transfers outside the EU/EEA",
            ["rights"] = "Your rights",
            ["rightsText"] = "You may ask us to correct inaccurate data (Art. 16 GDPR), to erase it (Art. 17), to restrict its processing (Art. 18) and to give it to you in a portable form (Art. 20), and you may object to its processing (Art. 21). Where we rely on your consent, you may withdraw it at any time.",
            ["complainTo"] = "You may complain to the supervisory authority:",
            ["complainAny"] = "You may complain to the data protection supervisory authority of your country.",
            ["notRead"] = "What we could not copy",
            ["failedOne"] = "{0} could not be copied; the reason is in manifest.json, and we will follow it up.",
            ["failedMany"] = "{0} could not be copied; the reasons are in manifest.json, and we will follow them up.",
            ["files"] = "About the files",
            ["filesText"] = "E-mails are in .eml format (open them with any e-mail program). Other files are exact copies. manifest.json and manifest.csv list every item with where it came from and a SHA-256 checksum, in a machine-readable form you can take to another service (GDPR Art. 20).",
            ["cat.EMAIL"] = "e-mail addresses",
            ["cat.PHONE"] = "phone numbers",
            ["cat.DK_CPR"] = "Danish CPR numbers",
            ["cat.NL_BSN"] = "Dutch citizen service numbers (BSN)",
            ["cat.UK_NINO"] = "UK National Insurance numbers",
            ["cat.IBAN"] = "bank account numbers",
            ["cat.PAYMENT_CARD"] = "payment card numbers",
            ["cat.DATE_OF_BIRTH"] = "dates of birth",
            ["cat.IP_ADDRESS"] = "IP addresses",
            ["cat.POSTCODE"] = "postal codes",
            ["cat.ART9_HEALTH"] = "health information",
            ["cat.ART9_RELIGION"] = "religious or philosophical beliefs",
            ["cat.ART9_ETHNIC_ORIGIN"] = "racial or ethnic origin",
            ["cat.ART9_POLITICAL"] = "political opinions",
            ["cat.ART9_TRADE_UNION"] = "trade union membership",
            ["cat.ART9_SEX_LIFE"] = "sex life or sexual orientation",
            ["cat.ART9_GENETIC"] = "genetic data",
            ["cat.ART9_BIOMETRIC"] = "biometric data",
            ["cat.ART10_CRIMINAL"] = "criminal convictions and offences",
        },
        ["da"] = new Dictionary<string, string>
        {
            ["title"] = "Dine personoplysninger",
            ["intro"] = "Vi modtog din anmodning{0} den {1} og besvarer den senest den {2}.",
            ["reference"] = "(sagsnummer {0})",
            ["extended"] = "Fristen er forlænget med to måneder, som vi har meddelt dig.",
            ["who"] = "Hvem vi er",
            ["dpo"] = "Databeskyttelsesrådgiver",
            ["where"] = "Hvor vi har søgt",
            ["found"] = "Hvad vi fandt",
            ["none"] = "Vi fandt ingen dokumenter med dine personoplysninger.",
            ["inFolder"] = "{0} i mappen {1}:",
            ["kinds"] = "Typer af personoplysninger i disse dokumenter:",
            ["item"] = "dokument",
            ["items"] = "dokumenter",
            ["source.FileShare"] = "filer på fildrev",
            ["source.Mailbox"] = "e-mails (postkasser)",
            ["source.Drive"] = "filer i OneDrive, SharePoint og Teams",
            ["source.Blob"] = "filer i Azure-lager",
            ["h.purposes"] = "Hvorfor vi behandler dine oplysninger",
            ["h.legalBases"] = "Retsgrundlag",
            ["h.recipients"] = "Hvem modtager dine oplysninger",
            ["h.retention"] = "Hvor længe vi opbevarer dem",
            ["h.sources"] = "Hvor dine oplysninger stammer fra",
            ["h.automatedDecisions"] = "Automatiske afgørelser",
            ["h.transfers"] = "Overførsel til lande uden for EU/EØS",
            ["rights"] = "Dine rettigheder",
            ["rightsText"] = "Du kan bede os om at berigtige urigtige oplysninger (databeskyttelsesforordningens art. 16), slette dem (art. 17), begrænse behandlingen af dem (art. 18) og udlevere dem til dig i et struktureret format (art. 20), og du kan gøre indsigelse mod behandlingen (art. 21). Hvor behandlingen bygger på dit samtykke, kan du til enhver tid trække det tilbage.",
            ["complainTo"] = "Du kan klage til tilsynsmyndigheden:",
            ["complainAny"] = "Du kan klage til datatilsynsmyndigheden i dit land.",
            ["notRead"] = "Hvad vi ikke kunne kopiere",
            ["failedOne"] = "{0} kunne ikke kopieres; årsagen står i manifest.json, og vi følger op på det.",
            ["failedMany"] = "{0} kunne ikke kopieres; årsagerne står i manifest.json, og vi følger op på dem.",
            ["files"] = "Om filerne",
            ["filesText"] = "E-mails er i .eml-format (de kan åbnes med ethvert e-mailprogram). Andre filer er nøjagtige kopier. manifest.json og manifest.csv viser hvert dokument med dets oprindelse og en SHA-256-kontrolsum i et maskinlæsbart format, som du kan tage med til en anden tjeneste (databeskyttelsesforordningens art. 20).",
            ["cat.EMAIL"] = "e-mailadresser",
            ["cat.PHONE"] = "telefonnumre",
            ["cat.DK_CPR"] = "CPR-numre",
            ["cat.NL_BSN"] = "hollandske BSN-numre",
            ["cat.UK_NINO"] = "britiske National Insurance-numre",
            ["cat.IBAN"] = "bankkontonumre",
            ["cat.PAYMENT_CARD"] = "betalingskortnumre",
            ["cat.DATE_OF_BIRTH"] = "fødselsdatoer",
            ["cat.IP_ADDRESS"] = "IP-adresser",
            ["cat.POSTCODE"] = "postnumre",
            ["cat.ART9_HEALTH"] = "helbredsoplysninger",
            ["cat.ART9_RELIGION"] = "religiøs eller filosofisk overbevisning",
            ["cat.ART9_ETHNIC_ORIGIN"] = "race eller etnisk oprindelse",
            ["cat.ART9_POLITICAL"] = "politisk overbevisning",
            ["cat.ART9_TRADE_UNION"] = "fagforeningsmæssigt tilhørsforhold",
            ["cat.ART9_SEX_LIFE"] = "seksuelle forhold eller seksuel orientering",
            ["cat.ART9_GENETIC"] = "genetiske data",
            ["cat.ART9_BIOMETRIC"] = "biometriske data",
            ["cat.ART10_CRIMINAL"] = "straffedomme og lovovertrædelser",
        },
        ["nl"] = new Dictionary<string, string>
        {
            ["title"] = "Uw persoonsgegevens",
            ["intro"] = "Wij hebben uw verzoek{0} op {1} ontvangen en beantwoorden het uiterlijk op {2}.",
            ["reference"] = "(kenmerk {0})",
            ["extended"] = "De termijn is met twee maanden verlengd, zoals wij u hebben laten weten.",
            ["who"] = "Wie wij zijn",
            ["dpo"] = "Functionaris voor gegevensbescherming",
            ["where"] = "Waar wij hebben gezocht",
            ["found"] = "Wat wij hebben gevonden",
            ["none"] = "Wij hebben geen documenten met uw persoonsgegevens gevonden.",
            ["inFolder"] = "{0} in de map {1}:",
            ["kinds"] = "Soorten persoonsgegevens in deze documenten:",
            ["item"] = "document",
            ["items"] = "documenten",
            ["source.FileShare"] = "bestanden op netwerkschijven",
            ["source.Mailbox"] = "e-mails (mailboxen)",
            ["source.Drive"] = "bestanden in OneDrive, SharePoint en Teams",
            ["source.Blob"] = "bestanden in Azure-opslag",
            ["h.purposes"] = "Waarom wij uw gegevens verwerken",
            ["h.legalBases"] = "Op welke grondslag",
            ["h.recipients"] = "Wie uw gegevens ontvangt",
            ["h.retention"] = "Hoe lang wij ze bewaren",
            ["h.sources"] = "Waar uw gegevens vandaan komen",
            ["h.automatedDecisions"] = "Geautomatiseerde besluiten",
            ["h.transfers"] = "Doorgifte buiten de EU/EER",
            ["rights"] = "Uw rechten",
            ["rightsText"] = "U kunt ons vragen onjuiste gegevens te corrigeren (art. 16 AVG), ze te wissen (art. 17), de verwerking ervan te beperken (art. 18) en ze u in een overdraagbare vorm te geven (art. 20), en u kunt bezwaar maken tegen de verwerking (art. 21). Waar wij op uw toestemming steunen, kunt u die altijd intrekken.",
            ["complainTo"] = "U kunt een klacht indienen bij de toezichthouder:",
            ["complainAny"] = "U kunt een klacht indienen bij de toezichthouder voor gegevensbescherming in uw land.",
            ["notRead"] = "Wat wij niet konden kopiëren",
            ["failedOne"] = "{0} kon niet worden gekopieerd; de reden staat in manifest.json, en wij komen erop terug.",
            ["failedMany"] = "{0} konden niet worden gekopieerd; de redenen staan in manifest.json, en wij komen erop terug.",
            ["files"] = "Over de bestanden",
            ["filesText"] = "E-mails staan in .eml-formaat (te openen met elk e-mailprogramma). Andere bestanden zijn exacte kopieën. manifest.json en manifest.csv noemen elk document met de herkomst en een SHA-256-controlegetal, in een machineleesbare vorm die u kunt meenemen naar een andere dienst (art. 20 AVG).",
            ["cat.EMAIL"] = "e-mailadressen",
            ["cat.PHONE"] = "telefoonnummers",
            ["cat.DK_CPR"] = "Deense CPR-nummers",
            ["cat.NL_BSN"] = "burgerservicenummers (BSN)",
            ["cat.UK_NINO"] = "Britse National Insurance-nummers",
            ["cat.IBAN"] = "bankrekeningnummers",
            ["cat.PAYMENT_CARD"] = "betaalkaartnummers",
            ["cat.DATE_OF_BIRTH"] = "geboortedata",
            ["cat.IP_ADDRESS"] = "IP-adressen",
            ["cat.POSTCODE"] = "postcodes",
            ["cat.ART9_HEALTH"] = "gezondheidsgegevens",
            ["cat.ART9_RELIGION"] = "religieuze of levensbeschouwelijke overtuigingen",
            ["cat.ART9_ETHNIC_ORIGIN"] = "ras of etnische afkomst",
            ["cat.ART9_POLITICAL"] = "politieke opvattingen",
            ["cat.ART9_TRADE_UNION"] = "lidmaatschap van een vakbond",
            ["cat.ART9_SEX_LIFE"] = "seksueel gedrag of seksuele gerichtheid",
            ["cat.ART9_GENETIC"] = "genetische gegevens",
            ["cat.ART9_BIOMETRIC"] = "biometrische gegevens",
            ["cat.ART10_CRIMINAL"] = "strafrechtelijke veroordelingen en strafbare feiten",
        },
    };
}
