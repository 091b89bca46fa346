#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# One Describe per exported cmdlet that GdprOps.Tests.ps1 does not cover on its own: parameter sets, the pipelines
# users build (by value and by property name), -WhatIf / -Confirm / $WhatIfPreference where a cmdlet changes
# something, and the error ids a script can catch. Under real pwsh, against the samples and the Graph simulator.

BeforeAll {
    $repo = (Resolve-Path "$PSScriptRoot/../..").Path
    Import-Module "$repo/out/GdprOps/GdprOps.psd1" -Force -ErrorAction Stop
    . "$PSScriptRoot/Support.ps1"
    $share = Join-Path $repo 'samples/share'
    $subjectFile = Join-Path $repo 'samples/subject.json'
    $email = 'soeren.oestergaard@nordlys.example'
}

Describe 'The suite' {
    It 'has a Describe named after every exported cmdlet' {
        $names = foreach ($file in Get-ChildItem $PSScriptRoot -Filter *.Tests.ps1) {
            $ast = [System.Management.Automation.Language.Parser]::ParseFile($file.FullName, [ref] $null, [ref] $null)
            $ast.FindAll({ param($a) $a -is [System.Management.Automation.Language.CommandAst] -and $a.GetCommandName() -eq 'Describe' }, $true) |
                ForEach-Object { $_.CommandElements[1].Extent.Text.Trim("'", '"') }
        }
        foreach ($command in Get-Command -Module GdprOps) {
            $names | Where-Object { $_ -match "(^|\W)$([regex]::Escape($command.Name))(\W|$)" } | Should -Not -BeNullOrEmpty -Because "$($command.Name) needs its own Describe"
        }
    }
}

Describe 'New-SubjectProfile' {
    It 'builds a profile from identifiers or from a file, and shows it masked' {
        $byValues = New-SubjectProfile -CaseId DSAR-1 -Name 'Søren Østergaard' -Email $email -Phone '+45 20 12 34 56'
        $byFile = New-SubjectProfile -Path $subjectFile
        $byValues.PSTypeNames | Should -Contain 'GdprOps.SubjectProfile'
        $byValues.IdentifierCount | Should -BeGreaterOrEqual 3
        $byFile.CaseId | Should -Not -BeNullOrEmpty
        ($byValues | Out-String) | Should -Not -Match 'oestergaard@'
    }

    It 'refuses a profile with nothing to look for, and the two parameter sets together' {
        { New-SubjectProfile -CaseId DSAR-1 -ErrorAction Stop } | Should -Throw
        { New-SubjectProfile -Path $subjectFile -Email $email -ErrorAction Stop } | Should -Throw -ErrorId 'AmbiguousParameterSet,GdprOps.PowerShell.Commands.NewSubjectProfileCommand'
    }

    It 'reports a missing profile file with a stable error id and without echoing its content' {
        { New-SubjectProfile -Path (Join-Path $TestDrive 'missing.json') -ErrorAction Stop } | Should -Throw -ErrorId '*,GdprOps.PowerShell.Commands.NewSubjectProfileCommand'
    }
}

Describe 'Find-PersonalData parameter sets and pipelines' {
    It 'takes folders from Get-ChildItem by property name (FullName)' {
        $findings = Get-ChildItem $share -Directory | Where-Object Name -in 'HR', 'Sales' | Find-PersonalData -Email $email
        ($findings.ItemName | Sort-Object) -join ',' | Should -Be 'crm-export.json,employment-contract-0042.txt'
    }

    It 'takes the subject from the pipeline (Profile set) and runs discovery without one (Discover set)' {
        @(New-SubjectProfile -Path $subjectFile | Find-PersonalData -Path $share).Count | Should -Be 6
        $discovered = @(Find-PersonalData -Path $share -Discover -Category EMAIL)
        $discovered.Count | Should -BeGreaterThan 0
        $discovered | ForEach-Object { $_.Categories | Should -Match 'EMAIL' }
    }

    It 'refuses a subject and discovery together' {
        { Find-PersonalData -Path $share -Email $email -Discover -ErrorAction Stop } | Should -Throw -ErrorId 'AmbiguousParameterSet,*'
    }

    It '-ReportPath writes every finding of piped folders to one report, and still passes them on' {
        $report = Join-Path $TestDrive 'tee.csv'
        $findings = @(Get-ChildItem $share -Directory | Where-Object Name -in 'HR', 'Sales' | Find-PersonalData -Email $email -ReportPath $report)
        $findings.Count | Should -Be 2
        (Import-PersonalDataReport -Path $report | ForEach-Object ItemName | Sort-Object) -join ',' | Should -Be 'crm-export.json,employment-contract-0042.txt'
        Test-Path "$report.shard.json" | Should -BeFalse # only a shard writes a manifest
    }

    It 'a shard whose path does not exist says so in its manifest, as an error the merge repeats' {
        $report = Join-Path $TestDrive 'one.csv'
        Find-PersonalData -Path $share, (Join-Path $TestDrive 'gone') -Email $email -Shard 1/1 -ReportPath $report -ErrorAction SilentlyContinue -ErrorVariable failed | Out-Null
        @($failed).Count | Should -Be 1
        (Get-Content -Raw (Join-Path $TestDrive 'one.1-of-1.csv.shard.json') | ConvertFrom-Json).errors | Should -Be 1
        $said = Import-PersonalDataReport -Path (Join-Path $TestDrive 'one.1-of-1.csv') -CheckShards 3>&1
        @($said | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }).Message | Should -BeLike 'Shard 1/1 met 1 error(s)*'
    }

    It '-ReportPath into a folder that does not exist stops before anything is swept' {
        $missing = Join-Path $TestDrive 'no/such/folder/found.csv'
        { Find-PersonalData -Path $share -Email $email -ReportPath $missing -ErrorAction Stop } | Should -Throw -ErrorId 'ReportWriteFailed,*'
        Test-Path (Split-Path $missing) | Should -BeFalse
    }
}

Describe 'Export-PersonalDataReport' {
    It 'writes nothing with -WhatIf or with $WhatIfPreference' {
        $path = Join-Path $TestDrive 'whatif.csv'
        Find-PersonalData -Path $share -Email $email | Export-PersonalDataReport -Path $path -WhatIf
        Test-Path $path | Should -BeFalse
        $WhatIfPreference = $true
        try { Find-PersonalData -Path $share -Email $email | Export-PersonalDataReport -Path $path } finally { $WhatIfPreference = $false }
        Test-Path $path | Should -BeFalse
    }

    It 'refuses to overwrite with -NoClobber, and passes the rows through with -PassThru' {
        $path = Join-Path $TestDrive 'findings.csv'
        $passed = Find-PersonalData -Path $share -Email $email | Export-PersonalDataReport -Path $path -PassThru
        @($passed).Count | Should -Be 4
        { Find-PersonalData -Path $share -Email $email | Export-PersonalDataReport -Path $path -NoClobber -ErrorAction Stop } | Should -Throw
    }

    It 'neutralises cells that a spreadsheet would run as a formula' {
        $folder = Join-Path $TestDrive 'formula'
        New-Item -ItemType Directory -Path $folder | Out-Null
        Set-Content -LiteralPath (Join-Path $folder '=HYPERLINK(1+1) note.txt') -Value "Mail $email"
        $path = Join-Path $TestDrive 'formula.csv'
        $found = @(Find-PersonalData -Path $folder -Email $email | Export-PersonalDataReport -Path $path -PassThru)
        $found.ItemName | Should -Be '=HYPERLINK(1+1) note.txt'
        $text = Get-Content $path -Raw
        $text | Should -Match 'HYPERLINK'
        $text | Should -Not -Match '(?m)(^|[,;])"?=HYPERLINK'
    }
}

Describe 'Import-PersonalDataReport' {
    It 'takes report files from Get-ChildItem by property name and keeps the Decision column' {
        $folder = Join-Path $TestDrive 'reports'
        New-Item -ItemType Directory -Path $folder | Out-Null
        Find-PersonalData -Path $share -Email $email | Export-PersonalDataReport -Path (Join-Path $folder 'a.csv')
        Find-PersonalData -Path $share -Email $email | Export-PersonalDataReport -Path (Join-Path $folder 'b.csv')
        $rows = Get-ChildItem $folder -Filter *.csv | Import-PersonalDataReport
        @($rows).Count | Should -Be 8
        $rows[0].PSTypeNames | Should -Contain 'GdprOps.Finding'
    }

    It 'stops at a missing report with a stable id: a review report is what an erasure acts on' {
        { Import-PersonalDataReport -Path (Join-Path $TestDrive 'nope.csv') } | Should -Throw -ErrorId '*,GdprOps.PowerShell.Commands.ImportPersonalDataReportCommand'
    }
}

Describe 'Measure-PersonalData' {
    It 'counts findings by category from the pipeline, and by source' {
        $byCategory = @(Find-PersonalData -Path $share -Discover | Measure-PersonalData)
        ($byCategory | Where-Object Category -eq 'EMAIL').Items | Should -BeGreaterThan 0
        $bySource = @(Find-PersonalData -Path $share -Discover | Measure-PersonalData -By Source)
        $bySource | ForEach-Object { $_.PSTypeNames | Should -Contain 'GdprOps.PersonalDataMeasure' }
        ($bySource.Source | Select-Object -Unique) | Should -Be $share
    }

    It 'counts every row of a labelled column in an export, not only the rows near its header' {
        $folder = Join-Path $TestDrive 'hr-export'
        New-Item -ItemType Directory -Path $folder | Out-Null
        # 80 BSNs (11-proef) under a "BSN" label, as an HR system exports them for Danish/Dutch Excel.
        $rows = foreach ($n in 0..79) {
            $digits = '{0:D8}' -f (20000000 + 7919 * $n)
            $sum = 0
            for ($i = 0; $i -lt 8; $i++) { $sum += (9 - $i) * [int]::Parse($digits[$i]) }
            if ($sum % 11 -lt 10) { "Medewerker $n;Verkoop;$digits$($sum % 11)" }
        }
        Set-Content -Path (Join-Path $folder 'personeel.csv') -Value (@('Naam;Afdeling;BSN') + $rows) -Encoding utf8
        $measure = @(Find-PersonalData -Path $folder -Discover | Measure-PersonalData) | Where-Object Category -eq 'NL_BSN'
        $measure.Items | Should -Be 1
        $measure.Matches | Should -Be @($rows).Count
        @($rows).Count | Should -BeGreaterThan 60
    }
}

Describe 'Test-SubjectExport, Get-GdprAuditLog and Test-GdprAuditLog' {
    BeforeAll {
        $subject = New-SubjectProfile -Path $subjectFile
        $package = Join-Path $TestDrive 'package'
        $audit = Join-Path $TestDrive 'audit.log'
        $summary = Find-PersonalData -Path $share -Subject $subject | Export-SubjectData -Path $package -Subject $subject -AuditLogPath $audit
    }

    It 'Test-SubjectExport takes the export summary from the pipeline (Path and ManifestSha256 by property name)' {
        $check = $summary | Test-SubjectExport
        $check.Valid | Should -BeTrue
        $check.Files | Should -BeGreaterThan 0
    }

    It 'Test-SubjectExport names an altered file and a manifest that is not the one recorded' {
        $file = Get-ChildItem (Join-Path $package 'items') -Recurse -File | Select-Object -First 1
        Add-Content -Path $file.FullName -Value 'tampered'
        $check = Test-SubjectExport -Path $package
        $check.Valid | Should -BeFalse
        $check.Altered | Should -Be 1
        (Test-SubjectExport -Path $package -ManifestSha256 ('0' * 64)).Valid | Should -BeFalse
    }

    It 'Get-GdprAuditLog filters by action and case; Test-GdprAuditLog finds an edited line' {
        $exports = @(Get-GdprAuditLog -Path $audit -Action Export -CaseId $subject.CaseId)
        $exports.Count | Should -BeGreaterThan 0
        $exports | ForEach-Object { $_.Action | Should -Be 'Export' }
        @(Get-GdprAuditLog -Path $audit -Action Removal).Count | Should -Be 0
        $before = Test-GdprAuditLog -Path $audit
        $before.Valid | Should -BeTrue
        (Get-Content $audit -Raw).Replace('"Export"', '"Exporx"') | Set-Content -Path $audit -NoNewline
        $after = Test-GdprAuditLog -Path $audit
        $after.Valid | Should -BeFalse
        $after.FirstBrokenLine | Should -Be 2 -Because "line 1 is the header, line 2 the export entry"
    }

    It 'Test-GdprAuditLog -ExpectedTip catches a log cut back to an earlier, still valid, state' {
        $log = Join-Path $TestDrive 'tip.log'
        Find-PersonalData -Path $share -Subject $subject | Export-SubjectData -Path (Join-Path $TestDrive 'p1') -Subject $subject -AuditLogPath $log | Out-Null
        $early = Get-Content $log
        Find-PersonalData -Path $share -Subject $subject | Export-SubjectData -Path (Join-Path $TestDrive 'p2') -Subject $subject -AuditLogPath $log | Out-Null
        $tip = (Test-GdprAuditLog -Path $log).Tip
        Set-Content -Path $log -Value $early
        (Test-GdprAuditLog -Path $log -ExpectedTip $tip).Valid | Should -BeFalse
    }
}

Describe 'Test-RetentionPolicy and Invoke-ItemRetention' {
    It 'Test-RetentionPolicy takes policy files by property name and names each problem with its line' {
        $good = Join-Path $TestDrive 'good.json'
        $bad = Join-Path $TestDrive 'bad.json'
        Set-Content -Path $good -Value '{ "mailboxRules": [ { "name": "Std", "olderThan": "6mo", "action": "Delete", "legalBasis": "Policy 4.2" } ] }'
        Set-Content -Path $bad -Value "{`n  `"mailboxRules`": [`n    { `"name`": `"Std`", `"olderThan`": `"soon`", `"action`": `"Delete`", `"legalBasis`": `"x`" }`n  ]`n}"
        $checks = Get-ChildItem $TestDrive -Filter *.json | Where-Object Name -in 'good.json', 'bad.json' | Test-RetentionPolicy
        ($checks | Where-Object Path -like '*good.json').Valid | Should -BeTrue
        $broken = $checks | Where-Object Path -like '*bad.json'
        $broken.Valid | Should -BeFalse
        $broken.Problems | Should -Match 'line 3'
    }

    It 'Invoke-ItemRetention deletes nothing with $WhatIfPreference, even with -Force' {
        $fixture = New-ApplicationsFolder -Root $TestDrive
        $folder, $old, $policy = $fixture.Folder, $fixture.Old, $fixture.Policy
        $WhatIfPreference = $true
        try { Invoke-ItemRetention -Policy $policy -Path $folder -Force -AuditLogPath (Join-Path $TestDrive 'i.log') | Out-Null } finally { $WhatIfPreference = $false }
        Test-Path $old.FullName | Should -BeTrue
        Test-Path (Join-Path $TestDrive 'i.log') | Should -BeFalse
    }
}

Describe 'Test-MailboxRetention, Invoke-MailboxRetention, Get-GdprOpsConnection and Disconnect-GdprOps' {
    BeforeAll {
        $simulator = Start-GraphSimulator -Repo $repo -Arguments @('--users', '3', '--seed', '7')
        $token = [System.Net.NetworkCredential]::new('', 'simulator-token').SecurePassword
        Connect-GdprOps -AccessToken $token -GraphEndpoint $simulator.Endpoint | Out-Null
    }

    AfterAll {
        Disconnect-GdprOps
        Stop-TestServer $simulator
    }

    It 'Get-GdprOpsConnection shows the connection, with no token in any property' {
        $connection = Get-GdprOpsConnection
        $connection.GraphEndpoint | Should -Be $simulator.Endpoint
        ($connection | Format-List * | Out-String) | Should -Not -Match 'simulator-token'
    }

    It 'Test-MailboxRetention takes mailboxes by property name (UserPrincipalName) and ends with one summary' {
        $all = @(Test-MailboxRetention -AllMailboxes)
        $rows = @($all | Where-Object { $_.PSTypeNames -contains 'GdprOps.MailboxRetentionResult' })
        $mailbox = $rows[0].Mailbox
        $result = @([pscustomobject]@{ UserPrincipalName = $mailbox } | Test-MailboxRetention)
        @($result | Where-Object { $_.PSTypeNames -contains 'GdprOps.MailboxRetentionResult' }).Count | Should -Be 4
        $summary = @($result | Where-Object { $_.PSTypeNames -contains 'GdprOps.RetentionSummary' })
        $summary.Count | Should -Be 1
        $result[-1].PSTypeNames | Should -Contain 'GdprOps.RetentionSummary'
    }

    It 'Invoke-MailboxRetention acts on what Test-MailboxRetention found (Mailbox and Folder by property name), and -WhatIf changes nothing' {
        $over = @(Test-MailboxRetention -AllMailboxes | Where-Object { $_.PSTypeNames -contains 'GdprOps.MailboxRetentionResult' -and $_.ViolationCount -gt 0 })
        $over.Count | Should -BeGreaterThan 0
        $over | Invoke-MailboxRetention -WhatIf | Out-Null
        $still = @(Test-MailboxRetention -AllMailboxes | Where-Object { $_.PSTypeNames -contains 'GdprOps.MailboxRetentionResult' -and $_.ViolationCount -gt 0 })
        $still.Count | Should -Be $over.Count

        $done = @($over | Invoke-MailboxRetention -Force -AuditLogPath (Join-Path $TestDrive 'm.log'))
        ($done | Where-Object { $_.PSTypeNames -contains 'GdprOps.RetentionEnforcementResult' } | Measure-Object Acted -Sum).Sum | Should -BeGreaterThan 0
        @(Test-MailboxRetention -AllMailboxes | Where-Object { $_.PSTypeNames -contains 'GdprOps.MailboxRetentionResult' -and $_.ViolationCount -gt 0 }).Count | Should -Be 0
    }

    It 'reports a mailbox that does not exist as a non-terminating error with a stable id' {
        $rows = Test-MailboxRetention -Mailbox nobody@contoso.example -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'MailboxNotFound,*'
        ($rows | Where-Object { $_.PSTypeNames -contains 'GdprOps.RetentionSummary' }).Failed | Should -Be 1
    }

    It 'Disconnect-GdprOps forgets the connection, and a cloud command then says NotConnected' {
        Disconnect-GdprOps
        Get-GdprOpsConnection | Should -BeNullOrEmpty
        { Test-MailboxRetention -AllMailboxes -ErrorAction Stop } | Should -Throw -ErrorId 'NotConnected,*'
    }
}

Describe 'New-GdprCase, Get-GdprCase, Set-GdprCase and Complete-GdprCase' {
    BeforeAll {
        $saved = $env:GDPROPS_CASES, $env:GDPROPS_AUDIT_LOG
        $env:GDPROPS_CASES = Join-Path $TestDrive 'cases'
        $env:GDPROPS_AUDIT_LOG = Join-Path $TestDrive 'audit.log'
        $today = (Get-Date).Date
    }

    AfterAll {
        $env:GDPROPS_CASES, $env:GDPROPS_AUDIT_LOG = $saved
    }

    It 'New-GdprCase writes nothing under -WhatIf, then registers the case with its deadline; a second create is refused' {
        New-GdprCase -Type Access -CaseId DSAR-2026-0042 -SubjectProfile $subjectFile -WhatIf | Should -BeNullOrEmpty
        Test-Path $env:GDPROPS_CASES | Should -BeFalse
        $case = New-GdprCase -Type Access -CaseId DSAR-2026-0042 -SubjectProfile $subjectFile -Received $today.AddDays(-3)
        $case.PSTypeNames | Should -Contain 'GdprOps.CaseStatusReport'
        $case.Status | Should -Be 'Open'
        $case.Due | Should -Be $today.AddDays(-3).AddMonths(1)
        $case.DaysLeft | Should -Be ($today.AddDays(-3).AddMonths(1) - $today).Days
        Test-Path (Join-Path $env:GDPROPS_CASES 'DSAR-2026-0042.json') | Should -BeTrue
        { New-GdprCase -Type Erasure -CaseId DSAR-2026-0042 -ErrorAction Stop } | Should -Throw -ErrorId 'CaseExists,GdprOps.PowerShell.Commands.NewGdprCaseCommand'
        { New-GdprCase -Type Erasure -Received $today.AddDays(2) -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidArgument,GdprOps.PowerShell.Commands.NewGdprCaseCommand'
        { New-GdprCase -Type Erasure -CaseId '../escape' -ErrorAction Stop } | Should -Throw -ErrorId 'CaseIdInvalid,GdprOps.PowerShell.Commands.NewGdprCaseCommand'
        { New-GdprCase -Type Sideways -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,GdprOps.PowerShell.Commands.NewGdprCaseCommand'
    }

    It 'shows the sweeps and exports run with -CaseId in the case history' {
        $subject = New-SubjectProfile -Path $subjectFile
        $findings = Find-PersonalData -Path $share -Subject $subject
        $findings | Export-SubjectData -Path (Join-Path $TestDrive 'package') -Subject $subject | Out-Null
        $case = Get-GdprCase DSAR-2026-0042
        $case.Sweeps | Should -Be 1
        $case.Exports | Should -Be 1
        $case.History.Action | Should -Be @('Sweep', 'Export')
        $case.History[0].Counts | Should -Match "findings=$(@($findings).Count)"
        # The sweep's audit line names the kinds of sources, never a path or the person.
        $case.History[0].Scope | Should -Be 'sources: FileSystem'
        Get-Content $env:GDPROPS_AUDIT_LOG -Raw | Should -Not -Match 'soeren|Østergaard'
    }

    It 'Set-GdprCase extends once, with a reason, and only within the first period' {
        { Set-GdprCase DSAR-2026-0042 -Extend -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidArgument,GdprOps.PowerShell.Commands.SetGdprCaseCommand'
        $before = (Get-GdprCase DSAR-2026-0042).Due
        Set-GdprCase DSAR-2026-0042 -Extend -ExtensionReason 'Fourteen years of mail to review' -WhatIf | Should -BeNullOrEmpty
        (Get-GdprCase DSAR-2026-0042).Extended | Should -BeFalse
        $extended = Set-GdprCase DSAR-2026-0042 -Extend -ExtensionReason 'Fourteen years of mail to review'
        $extended.Due | Should -Be $before.AddMonths(2)
        $extended.Case.ExtensionReason | Should -Be 'Fourteen years of mail to review'
        Set-GdprCase DSAR-2026-0042 -Extend -ExtensionReason 'again' -ErrorVariable refused -ErrorAction SilentlyContinue | Out-Null
        $refused[0].FullyQualifiedErrorId | Should -Be 'CaseExtensionRefused,GdprOps.PowerShell.Commands.SetGdprCaseCommand'

        New-GdprCase -Type Objection -CaseId LATE-1 -Received $today.AddMonths(-2) | Out-Null
        Set-GdprCase LATE-1 -Extend -ExtensionReason 'too late' -ErrorVariable late -ErrorAction SilentlyContinue | Out-Null
        $late[0].FullyQualifiedErrorId | Should -Be 'CaseExtensionRefused,GdprOps.PowerShell.Commands.SetGdprCaseCommand'
    }

    It 'Get-GdprCase -DueWithin lists open cases due soon and overdue ones; Complete-GdprCase takes them from the pipeline' {
        $due = @(Get-GdprCase -DueWithin 7)
        $due.CaseId | Should -Be @('LATE-1')
        $due[0].Overdue | Should -BeTrue
        $done = Get-GdprCase -DueWithin 7 | Complete-GdprCase -Resolution 'Marketing stopped; subject informed' -WarningVariable warned
        $done.Status | Should -Be 'Completed'
        $done.DaysLeft | Should -BeNullOrEmpty
        $warned | Should -Match 'after its deadline'
        @(Get-GdprCase -DueWithin 7).Count | Should -Be 0
        Complete-GdprCase LATE-1 -Resolution 'twice' -ErrorVariable twice -ErrorAction SilentlyContinue | Out-Null
        $twice[0].FullyQualifiedErrorId | Should -Be 'CaseCompleted,GdprOps.PowerShell.Commands.CompleteGdprCaseCommand'
        @(Get-GdprCase -Status Completed).CaseId | Should -Be @('LATE-1')
        @(Get-GdprCase -CaseId 'DSAR-*').CaseId | Should -Be @('DSAR-2026-0042')
    }

    It 'a file in the case folder that is not a case is an error and the other cases are still listed' {
        Set-Content -Path (Join-Path $env:GDPROPS_CASES 'broken.json') -Value '{ "CaseId": '
        $cases = Get-GdprCase -ErrorVariable broken -ErrorAction SilentlyContinue
        @($cases).Count | Should -Be 2
        $broken[0].FullyQualifiedErrorId | Should -Be 'CaseFileInvalid,GdprOps.PowerShell.Commands.GetGdprCaseCommand'
        Remove-Item (Join-Path $env:GDPROPS_CASES 'broken.json')
    }

    It 'two PowerShell processes changing one case at once both land' {
        New-GdprCase -Type Access -CaseId SHARED-1 | Out-Null
        $manifest = "$repo/out/GdprOps/GdprOps.psd1"
        $jobs = 1..2 | ForEach-Object {
            Start-Job -ArgumentList $manifest, $env:GDPROPS_CASES, $_ -ScriptBlock {
                param($manifest, $cases, $writer)
                Import-Module $manifest -ErrorAction Stop
                1..15 | ForEach-Object { Set-GdprCase SHARED-1 -Notes "writer $writer change $_" -CaseFolder $cases -ErrorAction Stop | Out-Null }
            }
        }
        $jobs | Wait-Job -Timeout 120 | Receive-Job -ErrorAction Stop
        $jobs | Remove-Job -Force
        (Get-GdprCase SHARED-1).Case.Revision | Should -Be 31 -Because 'one create and thirty changes, none lost'
    }
}
