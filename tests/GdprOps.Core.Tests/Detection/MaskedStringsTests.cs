using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GdprOps.Detection;
using GdprOps.Detection.Discovery;
using Xunit;

namespace GdprOps.Tests.Detection;

public class MaskedStringsTests
{
    [Fact]
    public void The_same_characters_give_the_same_string_without_a_new_one()
    {
        string first = MaskedStrings.Of("c***@fjord.example".AsSpan());
        string again = MaskedStrings.Of("c***@".AsSpan(), "fjord.example".AsSpan());
        Assert.Equal("c***@fjord.example", first);
        Assert.Same(first, again);
    }

    [Fact]
    public void Every_string_spells_exactly_the_characters_asked_for_even_when_forms_share_a_slot()
    {
        // Far more distinct forms than slots: every slot is taken over many times.
        var forms = Enumerable.Range(0, 20_000).Select(i => "+45******" + i.ToString("D5", CultureInfo.InvariantCulture)).ToList();
        for (int round = 0; round < 2; round++)
        {
            foreach (string form in forms)
            {
                Assert.Equal(form, MaskedStrings.Of(form.AsSpan(0, 3), form.AsSpan(3)));
            }
        }

        Assert.Equal(string.Empty, MaskedStrings.Of(ReadOnlySpan<char>.Empty));
        string longForm = new string('*', 300) + "12";
        Assert.Equal(longForm, MaskedStrings.Of(longForm.AsSpan(0, 150), longForm.AsSpan(150, 100), longForm.AsSpan(250)));
    }

    [Fact]
    public void Discovery_masks_of_a_csv_export_are_shared_across_rows()
    {
        var rows = string.Concat(Enumerable.Range(0, 400).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"{i},Customer {i},c{i}@fjord.example,+45 2{1000000 + (i % 3) * 1234567},active\n")));
        var detections = new DiscoveryScanner().ScanIdentifiers(rows);
        var emails = detections.Where(d => d.DetectorId == DetectorIds.Email).ToList();
        var phones = detections.Where(d => d.DetectorId == DetectorIds.Phone).ToList();
        Assert.Equal(400, emails.Count);
        Assert.Equal(400, phones.Count);
        Assert.All(emails, e => Assert.Same(emails[0].Masked, e.Masked));
        Assert.Equal(3, phones.Select(p => p.Masked).Distinct().Count());
        Assert.Equal(3, phones.Select(p => (object)p.Masked).Distinct(ReferenceEqualityComparer.Instance).Count());
    }
}
