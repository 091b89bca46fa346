using System.Collections.Generic;

namespace GdprOps.Sources.Graph;

/// <summary>How mailboxes are swept.</summary>
public sealed class MailSweepOptions
{
    /// <summary>Walk every folder and scan every message, even in subject mode (finds what the search index misses, such as text inside attachments).</summary>
    public bool Deep { get; set; }

    /// <summary>Well-known folder names or display paths; empty for every folder including Recoverable Items.</summary>
    public IReadOnlyList<string> Folders { get; set; } = new List<string>();
}
