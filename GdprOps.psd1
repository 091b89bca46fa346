@{
    RootModule             = 'GdprOps.PowerShell.dll'
    ModuleVersion          = '0.1.0'
    CompatiblePSEditions   = @('Desktop', 'Core')
    GUID                   = '6d3c2f7e-5b1a-4c8e-9f42-1e7a0b9c4d21'
    Author                 = 'GdprOps contributors'
    CompanyName            = 'GdprOps'
    Copyright              = '(c) 2026 GdprOps contributors. MIT licence.'
    Description            = 'GDPR work across Microsoft 365, Azure and file shares: find one person''s data, export it, erase it, and enforce mailbox retention, with reports for the Data Protection Officer.'
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('GdprOps.format.ps1xml')
    TypesToProcess         = @('GdprOps.types.ps1xml')
    CmdletsToExport        = @(
        'Find-PersonalData'
        'New-SubjectProfile'
        'Export-PersonalDataReport'
        'Import-PersonalDataReport'
        'Measure-PersonalData'
        'Connect-GdprOps'
        'Disconnect-GdprOps'
        'Get-GdprOpsConnection'
        'Export-SubjectData'
        'Test-SubjectExport'
        'Get-GdprAuditLog'
        'Test-GdprAuditLog'
        'Remove-SubjectData'
        'Test-MailboxRetention'
        'Test-ItemRetention'
        'Invoke-ItemRetention'
        'Invoke-MailboxRetention'
        'Test-RetentionPolicy'
        'New-GdprCase'
        'Get-GdprCase'
        'Set-GdprCase'
        'Complete-GdprCase'
        'Export-GdprReport'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('GDPR', 'Privacy', 'DSAR', 'DataProtection', 'PersonalData', 'Compliance', 'Microsoft365', 'Exchange', 'SharePoint', 'OneDrive', 'AzureBlob', 'Retention', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://github.com/gdprops/gdprops/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/gdprops/gdprops'
            ReleaseNotes = '0.1.0: Find-PersonalData across file shares, Exchange Online mailboxes (Recoverable Items included), OneDrive, SharePoint, Teams and Azure Blob, for one subject or in discovery mode; CSV reports for DPO review with per-row decisions; Export-SubjectData packages with a SHA-256 manifest; Remove-SubjectData (delete, purge, redact) with -WhatIf, review decisions and a hash-chained audit log; Test-/Invoke-MailboxRetention and Test-/Invoke-ItemRetention with policy files; subject request cases (New-/Get-/Set-/Complete-GdprCase) with Art. 12(3) deadlines and their history from the audit log.'
            RequireLicenseAcceptance = $false
        }
    }
}
