#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The default views, as a console shows them: every table fits 120 columns, shows its headers and the values that
# matter, and Format-List * still shows every property.

BeforeAll {
    $repo = (Resolve-Path "$PSScriptRoot/../..").Path
    Import-Module "$repo/out/GdprOps/GdprOps.psd1" -Force -ErrorAction Stop
    . "$PSScriptRoot/Support.ps1"
    $share = Join-Path $repo 'samples/share'
    $subject = New-SubjectProfile -Path (Join-Path $repo 'samples/subject.json')

    function Test-Rendering {
        <# Renders objects with the default view at 120 columns; returns the lines after checking the headers. #>
        param([object[]] $InputObject, [string[]] $Headers, [int] $LastColumn = 20)
        $text = $InputObject | Out-String -Width 120
        $lines = $text -split "`r?`n" | Where-Object { $_.Trim() }
        # A table wider than the console loses its last columns: every header must be there, and the last (free)
        # column must keep room for its values (20 characters, or what its short values need).
        foreach ($header in $Headers) { $lines[0] | Should -Match ([regex]::Escape($header)) }
        $lines[0].IndexOf($Headers[-1]) | Should -BeLessOrEqual (120 - $LastColumn) -Because 'the last column needs room at 120 columns'
        # Everything is still there for Format-List *.
        $all = $InputObject[0] | Format-List * | Out-String -Width 120
        foreach ($property in $InputObject[0].PSObject.Properties.Name) { $all | Should -Match "(?m)^$property\s*:" }
        $lines
    }
}

Describe 'Default views' {
    BeforeAll {
        $simulator = Start-GraphSimulator -Repo $repo -Arguments @('--users', '3', '--seed', '7')
        $token = [System.Net.NetworkCredential]::new('', 'simulator-token').SecurePassword
        Connect-GdprOps -AccessToken $token -GraphEndpoint $simulator.Endpoint | Out-Null
        $mailbox = @(Test-MailboxRetention -AllMailboxes | Where-Object { $_.PSTypeNames -contains 'GdprOps.MailboxRetentionResult' })[0].Mailbox
    }

    AfterAll {
        Disconnect-GdprOps
        Stop-TestServer $simulator
    }

    It 'shows findings as a table of kind, status, confidence, matches, categories, location and item' {
        $findings = @(Find-PersonalData -Path $share -Subject $subject)
        $lines = Test-Rendering $findings -Headers 'Kind', 'Status', 'Confidence', 'Matches', 'Categories', 'Location', 'Item'
        ($lines -join "`n") | Should -Match 'sick-leave-2026\.csv'
        ($lines -join "`n") | Should -Match 'HR'
        $lines | Should -Not -Match 'oestergaard@' -Because 'the table shows which identifiers matched, masked, never the values'
    }

    It 'shows removal results with their outcome and detail' {
        $copy = Join-Path $TestDrive 'share'
        Copy-Item -Path $share -Destination $copy -Recurse
        $results = @(Find-PersonalData -Path $copy -Subject $subject | Remove-SubjectData -Subject $subject -Force -AuditLogPath (Join-Path $TestDrive 'audit.log'))
        $lines = Test-Rendering $results -Headers 'Kind', 'Outcome', 'Mode', 'Location', 'Item', 'Detail'
        ($lines -join "`n") | Should -Match 'SkippedLowConfidence'
        $audit = @(Get-GdprAuditLog -Path (Join-Path $TestDrive 'audit.log'))
        Test-Rendering $audit -Headers 'Seq', 'Time (UTC)', 'Action', 'CaseId', 'Operator', 'Outcome' | Out-Null
    }

    It 'shows cases with their deadline, days left and what was done' {
        $folder = Join-Path $TestDrive 'cases'
        $case = New-GdprCase -Type Access -CaseId DSAR-2026-0042 -CaseFolder $folder -AuditLogPath (Join-Path $TestDrive 'none.log')
        $lines = Test-Rendering @($case) -Headers 'CaseId', 'Type', 'Status', 'Received', 'Due', 'DaysLeft', 'Overdue', 'Extended', 'Sweeps', 'Exports', 'Removals' -LastColumn 8
        ($lines -join "`n") | Should -Match ([regex]::Escape($case.Due.ToString('yyyy-MM-dd')))
    }

    It 'shows the personal data map by category and place' {
        $measure = @(Find-PersonalData -Path $share -Discover | Measure-PersonalData -By Source)
        Test-Rendering $measure -Headers 'Category', 'Kind', 'Source', 'Location', 'Items', 'Matches', 'Highest' -LastColumn 6 | Out-Null
    }

    It 'shows mailbox retention per folder and its violations in a table' {
        $rows = @(Test-MailboxRetention -Mailbox $mailbox -Detailed -AsOf ([datetime]'2026-11-01'))
        $folders = @($rows | Where-Object { $_.PSTypeNames -contains 'GdprOps.MailboxRetentionResult' })
        $lines = Test-Rendering $folders -Headers 'Mailbox', 'Folder', 'Messages', 'Over', 'MB over', 'Oldest over', 'Compliant'
        ($lines -join "`n") | Should -Match 'inbox'
        $violations = @($rows | Where-Object { $_.PSTypeNames -contains 'GdprOps.RetentionViolation' })
        $violations.Count | Should -BeGreaterThan 0
        Test-Rendering $violations -Headers 'Mailbox', 'Folder', 'Date', 'Size', 'Subject' | Out-Null
        $enforced = @(Invoke-MailboxRetention -Mailbox $mailbox -WhatIf:$false -Force -AsOf ([datetime]'2026-11-01') -AuditLogPath (Join-Path $TestDrive 'm.log') |
            Where-Object { $_.PSTypeNames -contains 'GdprOps.RetentionEnforcementResult' })
        Test-Rendering $enforced -Headers 'Mailbox', 'Folder', 'Action', 'Acted', 'Gone', 'Failed', 'Deferred', 'Destination' | Out-Null
    }

    It 'shows item retention per rule, its violations and what enforcement did' {
        $fixture = New-ApplicationsFolder -Root $TestDrive -OldName 'cv-2019-with-a-rather-long-name-for-the-column.txt'
        $folder, $policy = $fixture.Folder, $fixture.Policy
        $rows = @(Test-ItemRetention -Policy $policy -Path $folder -Detailed)
        Test-Rendering @($rows | Where-Object { $_.PSTypeNames -contains 'GdprOps.ItemRetentionResult' }) -Headers 'Rule', 'Scope', 'Source', 'Items', 'Over', 'Unknown', 'Oldest over', 'Action' -LastColumn 6 | Out-Null
        Test-Rendering @($rows | Where-Object { $_.PSTypeNames -contains 'GdprOps.ItemRetentionViolation' }) -Headers 'Rule', 'Date', 'Size', 'Action', 'Item', 'Source' | Out-Null
        $done = @(Invoke-ItemRetention -Policy $policy -Path $folder -Force -AuditLogPath (Join-Path $TestDrive 'i.log') |
            Where-Object { $_.PSTypeNames -contains 'GdprOps.ItemRetentionEnforcementResult' })
        Test-Rendering $done -Headers 'Rule', 'Source', 'Action', 'Listed', 'Acted', 'Gone', 'Changed', 'Retained', 'Failed' -LastColumn 6 | Out-Null
    }

    It 'shows summaries as a list of every property' {
        $summary = Test-MailboxRetention -Mailbox $mailbox | Where-Object { $_.PSTypeNames -contains 'GdprOps.RetentionSummary' }
        $text = $summary | Out-String -Width 120
        foreach ($property in $summary.PSObject.Properties.Name) { $text | Should -Match "(?m)^$property\s*:" }
    }
}
