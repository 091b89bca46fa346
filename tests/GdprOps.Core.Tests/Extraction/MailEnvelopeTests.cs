using System;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace GdprOps.Tests.Extraction;

/// <summary>
/// A message sent to a list or with the person in Bcc names them only in its envelope headers (Delivered-To,
/// X-Original-To) or in the Resent-* headers of a forward: To and Cc hold the list's address. Only From to Bcc were read,
/// so the person's copy of the message was not found.
/// </summary>
public class MailEnvelopeTests
{
    [Fact]
    public async Task Envelope_and_resent_headers_are_read()
    {
        string eml = string.Join("\r\n",
            "Return-Path: <bounces@lists.fjord.example>",
            "Delivered-To: jens.holm@fjord.example",
            "X-Original-To: alle@fjord.example",
            "Resent-From: Pia Krogh <pia.krogh@fjord.example>",
            "Resent-To: ole.berg@fjord.example",
            "Disposition-Notification-To: anna@fjord.example",
            "Received: from mail.fjord.example (10.0.0.7) by mx for <jens.holm@fjord.example>",
            "From: HR <hr@fjord.example>",
            "To: alle@fjord.example",
            "Subject: Julefrokost",
            "Content-Type: text/plain; charset=utf-8",
            string.Empty,
            "Tilmelding senest fredag.");

        var (_, parts) = await FormatTests.Extract(Encoding.UTF8.GetBytes(eml), "besked.eml");

        string headers = parts["Header"];
        Assert.Contains("jens.holm@fjord.example", headers, StringComparison.Ordinal);
        Assert.Contains("pia.krogh@fjord.example", headers, StringComparison.Ordinal);
        Assert.Contains("ole.berg@fjord.example", headers, StringComparison.Ordinal);
        Assert.Contains("anna@fjord.example", headers, StringComparison.Ordinal);
        Assert.Contains("bounces@lists.fjord.example", headers, StringComparison.Ordinal);
        Assert.DoesNotContain("10.0.0.7", headers, StringComparison.Ordinal); // relays' addresses are no one's data here
    }
}
