<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>BatchStopMessage</name>
    <message>
        <location filename="../ui/BatchStopMessage.cpp" line="8"/>
        <source>the disk is full</source>
        <translation>die Festplatte ist voll</translation>
    </message>
    <message>
        <location filename="../ui/BatchStopMessage.cpp" line="11"/>
        <source>the output folder is gone</source>
        <translation>der Ausgabeordner ist verschwunden</translation>
    </message>
    <message>
        <location filename="../ui/BatchStopMessage.cpp" line="14"/>
        <source>the output folder is on a read-only disk</source>
        <translation>der Ausgabeordner liegt auf einem schreibgeschützten Datenträger</translation>
    </message>
    <message>
        <location filename="../ui/BatchStopMessage.cpp" line="17"/>
        <source>the output folder is not writable</source>
        <translation>in den Ausgabeordner kann nicht geschrieben werden</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/BatchStopMessage.cpp" line="24"/>
        <source>Stopped: %1. %n photo(s) not started; the photos finished are kept.</source>
        <translation>
            <numerusform>Angehalten: %1. %n Foto nicht begonnen; die fertigen Fotos bleiben erhalten.</numerusform>
            <numerusform>Angehalten: %1. %n Fotos nicht begonnen; die fertigen Fotos bleiben erhalten.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/BatchStopMessage.cpp" line="27"/>
        <source>Free some space</source>
        <translation>Schaffen Sie Platz</translation>
    </message>
    <message>
        <location filename="../ui/BatchStopMessage.cpp" line="28"/>
        <source>Check the output folder</source>
        <translation>Prüfen Sie den Ausgabeordner</translation>
    </message>
    <message>
        <location filename="../ui/BatchStopMessage.cpp" line="30"/>
        <source>%1, then Start again: the photos done are skipped.</source>
        <translation>%1 und klicken Sie erneut auf Starten: fertige Fotos werden übersprungen.</translation>
    </message>
    <message>
        <location filename="../ui/BatchStopMessage.cpp" line="31"/>
        <source>%1, then Start again with “Skip the photo” to resume.</source>
        <translation>%1 und starten Sie erneut mit „Foto überspringen“, um fortzusetzen.</translation>
    </message>
    <message>
        <location filename="../ui/BatchStopMessage.cpp" line="37"/>
        <source>Stopping: %1…</source>
        <translation>Wird angehalten: %1…</translation>
    </message>
</context>
<context>
    <name>DurationText</name>
    <message>
        <location filename="../ui/DurationText.cpp" line="13"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../ui/DurationText.cpp" line="17"/>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <location filename="../ui/DurationText.cpp" line="21"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/gui/main.cpp" line="37"/>
        <source>Deblurs photos with HI-Diff.</source>
        <translation>Entfernt Unschärfe aus Fotos mit HI-Diff.</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="42"/>
        <source>Debug: save a picture of the window to FILE and quit (after the photo is shown, or deblurred with --deblur).</source>
        <translation>Debug: ein Bild des Fensters in FILE speichern und beenden (sobald das Foto angezeigt wird, mit --deblur sobald es geschärft ist).</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="46"/>
        <source>Deblur the photo at once.</source>
        <translation>Das Foto sofort schärfen.</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="49"/>
        <source>Show the photo at 100 % and preview that part at once.</source>
        <translation>Das Foto in 100 % zeigen und diesen Ausschnitt sofort als Vorschau schärfen.</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="52"/>
        <source>Debug: save a picture of the window to FILE once the first tile of a deblur is done.</source>
        <translation>Debug: ein Bild des Fensters in FILE speichern, sobald beim Schärfen die erste Kachel fertig ist.</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="56"/>
        <source>Debug: window size, WxH.</source>
        <translation>Debug: Fenstergröße, Breite x Höhe (z. B. 1600x1000).</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="60"/>
        <source>Open the batch export window with the photos and folders given instead of opening a photo.</source>
        <translation>Das Fenster „Stapel-Export“ mit den angegebenen Fotos und Ordnern öffnen, statt ein Foto zu öffnen.</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="64"/>
        <source>Debug: with --batch, run the batch into FOLDER (sub-folders included), save a picture of the batch window to FILE and quit.</source>
        <translation>Debug: mit --batch den Stapel nach FOLDER ausführen (mit Unterordnern), ein Bild des Stapelfensters in FILE speichern und beenden.</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="71"/>
        <source>A photo to open (with --batch: photos and folders).</source>
        <translation>Ein zu öffnendes Foto (mit --batch: Fotos und Ordner).</translation>
    </message>
</context>
<context>
    <name>unblur::ui::BatchQueueModel</name>
    <message>
        <location filename="../ui/BatchQueueModel.cpp" line="68"/>
        <source>Queued</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <location filename="../ui/BatchQueueModel.cpp" line="70"/>
        <source>Working</source>
        <translation>In Arbeit</translation>
    </message>
    <message>
        <location filename="../ui/BatchQueueModel.cpp" line="72"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location filename="../ui/BatchQueueModel.cpp" line="74"/>
        <location filename="../ui/BatchQueueModel.cpp" line="136"/>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <location filename="../ui/BatchQueueModel.cpp" line="76"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/BatchQueueModel.cpp" line="78"/>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location filename="../ui/BatchQueueModel.cpp" line="118"/>
        <source>Not started</source>
        <translation>Nicht begonnen</translation>
    </message>
    <message>
        <location filename="../ui/BatchQueueModel.cpp" line="125"/>
        <source>n/a</source>
        <translation>k. A.</translation>
    </message>
    <message>
        <location filename="../ui/BatchQueueModel.cpp" line="133"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../ui/BatchQueueModel.cpp" line="135"/>
        <source>Applied</source>
        <translation>Angewendet</translation>
    </message>
    <message>
        <location filename="../ui/BatchQueueModel.cpp" line="153"/>
        <source>Blurry (%1 or more)</source>
        <translation>Unscharf (ab %1)</translation>
    </message>
    <message>
        <location filename="../ui/BatchQueueModel.cpp" line="154"/>
        <source>Sharp (below %1)</source>
        <translation>Scharf (unter %1)</translation>
    </message>
    <message>
        <location filename="../ui/BatchQueueModel.cpp" line="183"/>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <location filename="../ui/BatchQueueModel.cpp" line="185"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/BatchQueueModel.cpp" line="187"/>
        <source>Blur</source>
        <translation>Unschärfe</translation>
    </message>
    <message>
        <location filename="../ui/BatchQueueModel.cpp" line="189"/>
        <source>Output or reason</source>
        <translation>Ergebnis oder Grund</translation>
    </message>
    <message>
        <location filename="../ui/BatchQueueModel.cpp" line="191"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../ui/BatchQueueModel.cpp" line="193"/>
        <source>Shake refinement</source>
        <translation>Verwacklungskorrektur</translation>
    </message>
</context>
<context>
    <name>unblur::ui::BatchWindow</name>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="45"/>
        <source>Batch Export — Unblur</source>
        <translation>Stapel-Export — Unblur</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="56"/>
        <source>Photos and folders to export</source>
        <translation>Zu exportierende Fotos und Ordner</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="59"/>
        <source>Add &amp;photos…</source>
        <translation>&amp;Fotos hinzufügen…</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="60"/>
        <source>Add &amp;folder…</source>
        <translation>Or&amp;dner hinzufügen…</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="61"/>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="62"/>
        <source>Include sub-fol&amp;ders (mirrored in the output)</source>
        <translation>&amp;Unterordner einbeziehen (in der Ausgabe nachgebildet)</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="64"/>
        <source>all photos, or e.g. *.jpg IMG_*</source>
        <translation>alle Fotos, oder z. B. *.jpg IMG_*</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="65"/>
        <source>Only files matching</source>
        <translation>Nur passende Dateien</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="76"/>
        <source>Only files ma&amp;tching:</source>
        <translation>Nur passende Da&amp;teien:</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="77"/>
        <source>Photos (drop files or folders here)</source>
        <translation>Fotos (Dateien oder Ordner hierher ziehen)</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="84"/>
        <location filename="../ui/BatchWindow.cpp" line="542"/>
        <source>Output folder</source>
        <translation>Ausgabeordner</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="85"/>
        <source>C&amp;hoose…</source>
        <translation>&amp;Wählen…</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="90"/>
        <source>File name</source>
        <translation>Dateiname</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="91"/>
        <source>{name}: the photo&apos;s name; {ext}: the format&apos;s extension; {model}: the model; {date}: today</source>
        <translation>{name}: Name des Fotos; {ext}: Dateiendung des Formats; {model}: das Modell; {date}: heutiges Datum</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="94"/>
        <source>When the file exists</source>
        <translation>Wenn die Datei vorhanden ist</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="95"/>
        <source>Skip the photo (resumes a batch)</source>
        <translation>Foto überspringen (setzt einen Stapel-Export fort)</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="96"/>
        <source>Add a number</source>
        <translation>Nummer anhängen</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="97"/>
        <source>Replace it</source>
        <translation>Ersetzen</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="99"/>
        <source>Only blurry photos</source>
        <translation>Nur unscharfe Fotos</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="101"/>
        <source>Skip the sharp photos (blur below %1): they are listed as skipped, with their score</source>
        <translation>Scharfe Fotos (Unschärfe unter %1) überspringen: Sie werden als übersprungen aufgeführt, mit ihrem Wert</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="104"/>
        <source>Protect sharp areas</source>
        <translation>Scharfe Bereiche schützen</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="106"/>
        <source>Keep the parts of each photo that are in focus, and soft backgrounds, as they were: only blurred parts change</source>
        <translation>Scharf abgebildete Teile jedes Fotos und weiche Hintergründe bleiben, wie sie waren: Nur unscharfe Teile werden verändert</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="113"/>
        <source>Output fo&amp;lder:</source>
        <translation>&amp;Ausgabeordner:</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="116"/>
        <source>File &amp;name:</source>
        <translation>Datei&amp;name:</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="117"/>
        <source>If the file &amp;exists:</source>
        <translation>Wenn die Datei &amp;vorhanden ist:</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="121"/>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="122"/>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="129"/>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="143"/>
        <source>Batch progress</source>
        <translation>Fortschritt des Stapel-Exports</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="147"/>
        <source>Add photos or folders, choose the output folder, then Start.</source>
        <translation>Fotos oder Ordner hinzufügen, den Ausgabeordner wählen, dann „Starten“.</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="149"/>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="152"/>
        <location filename="../ui/BatchWindow.cpp" line="534"/>
        <source>P&amp;ause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="154"/>
        <source>&amp;Cancel</source>
        <translation>Abbre&amp;chen</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="156"/>
        <source>Stop within one tile; photos already written stay, nothing partial is left</source>
        <translation>Spätestens nach einer Kachel anhalten; bereits geschriebene Fotos bleiben erhalten, unvollständige Dateien werden nicht hinterlassen</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="158"/>
        <source>Sa&amp;ve report…</source>
        <translation>Ber&amp;icht speichern…</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="159"/>
        <source>Every photo with its state, output and reason, as CSV</source>
        <translation>Jedes Foto mit Status, Ergebnis und Grund, als CSV</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="160"/>
        <source>Select blurr&amp;y only</source>
        <translation>Nur unscharfe auswä&amp;hlen</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="163"/>
        <source>Select the photos in the list whose blur is %1 or more</source>
        <translation>Die Fotos der Liste auswählen, deren Unschärfe %1 oder mehr beträgt</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="192"/>
        <source>Add photos</source>
        <translation>Fotos hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="196"/>
        <source>Add a folder</source>
        <translation>Ordner hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="223"/>
        <source>Save the report</source>
        <translation>Bericht speichern</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="224"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="261"/>
        <source>%1 · device %2 · %3 · tiles %4</source>
        <translation>%1 · Gerät %2 · %3 · Kacheln %4</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="265"/>
        <source>auto</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="267"/>
        <source> · ensemble of %1 views</source>
        <translation> · Ensemble aus %1 Ansichten</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="269"/>
        <source> · shake refinement %1</source>
        <translation> · Verwacklungskorrektur %1</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="271"/>
        <source>%1 (as in the main window)</source>
        <translation>%1 (wie im Hauptfenster)</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="299"/>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="299"/>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/BatchWindow.cpp" line="351"/>
        <source>%n blurry photo(s) selected</source>
        <translation>
            <numerusform>%n unscharfes Foto ausgewählt</numerusform>
            <numerusform>%n unscharfe Fotos ausgewählt</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="389"/>
        <source>A batch export is already running.</source>
        <translation>Ein Stapelexport läuft bereits.</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="393"/>
        <source>No model is available: add one in the main window first.</source>
        <translation>Kein Modell verfügbar: Fügen Sie zuerst im Hauptfenster eines hinzu.</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="417"/>
        <source>Loading the model and listing the photos…</source>
        <translation>Modell wird geladen und Fotos werden aufgelistet…</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="434"/>
        <source>Pausing after the current tile…</source>
        <translation>Wird nach der aktuellen Kachel angehalten…</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="443"/>
        <source>Stopping after the current tile…</source>
        <translation>Wird nach der aktuellen Kachel abgebrochen…</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="451"/>
        <source>Report saved to %1.</source>
        <translation>Bericht in %1 gespeichert.</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="454"/>
        <source>Could not save the report: %1</source>
        <translation>Der Bericht konnte nicht gespeichert werden: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/BatchWindow.cpp" line="479"/>
        <source>%1 of %n photo(s) finished</source>
        <translation>
            <numerusform>%1 von %n Foto fertig</numerusform>
            <numerusform>%1 von %n Fotos fertig</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/BatchWindow.cpp" line="481"/>
        <source> · %n failed</source>
        <translation>
            <numerusform> · %n fehlgeschlagen</numerusform>
            <numerusform> · %n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="486"/>
        <source> · paused</source>
        <translation> · angehalten</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="488"/>
        <source> · about %1 left</source>
        <translation> · noch etwa %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/BatchWindow.cpp" line="502"/>
        <source>%n photo(s) done</source>
        <translation>
            <numerusform>%n Foto fertig</numerusform>
            <numerusform>%n Fotos fertig</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/BatchWindow.cpp" line="503"/>
        <source>, %n skipped</source>
        <translation>
            <numerusform>, %n übersprungen</numerusform>
            <numerusform>, %n übersprungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/BatchWindow.cpp" line="504"/>
        <source>, %n failed</source>
        <translation>
            <numerusform>, %n fehlgeschlagen</numerusform>
            <numerusform>, %n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/BatchWindow.cpp" line="506"/>
        <source>, %n not done (cancelled)</source>
        <translation>
            <numerusform>, %n nicht erledigt (abgebrochen)</numerusform>
            <numerusform>, %n nicht erledigt (abgebrochen)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="509"/>
        <source>. The failed photos and their reasons are in red in the list.</source>
        <translation>. Die fehlgeschlagenen Fotos und ihre Gründe stehen rot in der Liste.</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="534"/>
        <source>Res&amp;ume</source>
        <translation>Fo&amp;rtsetzen</translation>
    </message>
</context>
<context>
    <name>unblur::ui::BlurScorer</name>
    <message>
        <location filename="../ui/BlurScorer.cpp" line="99"/>
        <source>Blur: not measurable</source>
        <translation>Unschärfe: nicht messbar</translation>
    </message>
    <message>
        <location filename="../ui/BlurScorer.cpp" line="100"/>
        <source>Blur: not measurable (%1)</source>
        <translation>Unschärfe: nicht messbar (%1)</translation>
    </message>
    <message>
        <location filename="../ui/BlurScorer.cpp" line="104"/>
        <source>Blur %1 (sharp)</source>
        <translation>Unschärfe %1 (scharf)</translation>
    </message>
    <message>
        <location filename="../ui/BlurScorer.cpp" line="107"/>
        <source>Blur %1 (blurry, shake)</source>
        <translation>Unschärfe %1 (unscharf, verwackelt)</translation>
    </message>
    <message>
        <location filename="../ui/BlurScorer.cpp" line="110"/>
        <source>Blur %1 (blurry, defocus)</source>
        <translation>Unschärfe %1 (unscharf, Fehlfokus)</translation>
    </message>
    <message>
        <location filename="../ui/BlurScorer.cpp" line="112"/>
        <source>Blur %1 (blurry)</source>
        <translation>Unschärfe %1 (unscharf)</translation>
    </message>
</context>
<context>
    <name>unblur::ui::ControlsPanel</name>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="22"/>
        <source>The HI-Diff model that restores the photo</source>
        <translation>Das HI-Diff-Modell, das das Foto wiederherstellt</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="23"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="24"/>
        <source>Add model…</source>
        <translation>Modell hinzufügen…</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="25"/>
        <source>Add a folder holding net_g.pth, net_le_dm.pth and net_d.pth (published HI-Diff checkpoints)</source>
        <translation>Einen Ordner mit net_g.pth, net_le_dm.pth und net_d.pth hinzufügen (veröffentlichte HI-Diff-Checkpoints)</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="27"/>
        <source>Add model folder</source>
        <translation>Modellordner hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="30"/>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="31"/>
        <source>Where the model runs; Auto takes a CUDA GPU when there is one</source>
        <translation>Wo das Modell läuft; „Automatisch“ nimmt eine CUDA-GPU, wenn eine vorhanden ist</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="32"/>
        <location filename="../ui/ControlsPanel.cpp" line="43"/>
        <location filename="../ui/ControlsPanel.cpp" line="52"/>
        <location filename="../ui/ControlsPanel.cpp" line="62"/>
        <location filename="../ui/ControlsPanel.cpp" line="253"/>
        <location filename="../ui/ControlsPanel.cpp" line="287"/>
        <source>Auto</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="33"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="39"/>
        <source>Precision</source>
        <translation>Präzision</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="44"/>
        <source>Full (fp32)</source>
        <translation>Voll (fp32)</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="45"/>
        <source>Half (fp16)</source>
        <translation>Halb (fp16)</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="46"/>
        <source>bfloat16</source>
        <translation>bfloat16</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="49"/>
        <source>Tile size</source>
        <translation>Kachelgröße</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="50"/>
        <source>Large photos are restored in overlapping tiles; Auto picks the largest that fits the memory</source>
        <translation>Große Fotos werden in überlappenden Kacheln wiederhergestellt; „Automatisch“ wählt die größte, die in den Speicher passt</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="54"/>
        <location filename="../ui/ControlsPanel.cpp" line="279"/>
        <source>%1 px</source>
        <translation>%1 px</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="77"/>
        <source>Self-ensemble</source>
        <translation>Selbst-Ensemble</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="78"/>
        <source>Also restore the photo mirrored and turned, and average the results: often slightly cleaner, as many times slower as views</source>
        <translation>Das Foto auch gespiegelt und gedreht schärfen und die Ergebnisse mitteln: oft etwas sauberer, um die Zahl der Ansichten langsamer</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="64"/>
        <location filename="../ui/ControlsPanel.cpp" line="80"/>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="40"/>
        <source>Arithmetic precision; half precision is faster on GPUs. Auto takes bfloat16 on a CPU with bf16 instructions where it measures faster, else full precision</source>
        <translation>Rechenpräzision; halbe Präzision ist auf GPUs schneller. Auto nimmt bfloat16 auf einer CPU mit bf16-Befehlen, wo es messbar schneller ist, sonst volle Präzision</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="59"/>
        <source>Shake refinement</source>
        <translation>Verwacklungskorrektur</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="60"/>
        <source>After the network, estimate the camera shake&apos;s blur kernel and sharpen further where it holds (Auto), always (On), or never (Off)</source>
        <translation>Nach dem Netz den Unschärfekern der Verwacklung schätzen und dort weiter schärfen, wo er zutrifft (Automatisch), immer (Ein) oder nie (Aus)</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="63"/>
        <source>On</source>
        <translation>Ein</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="67"/>
        <source>Estimated blur kernel</source>
        <translation>Geschätzter Unschärfekern</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="69"/>
        <source>Pr&amp;otect sharp areas</source>
        <translation>Scharfe Bereiche sc&amp;hützen</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="72"/>
        <source>Keep the parts of the photo that are in focus, and soft backgrounds, as they were: the restored photo is blended with the original through the blur map, so only blurred parts change</source>
        <translation>Scharf abgebildete Teile des Fotos und weiche Hintergründe bleiben, wie sie waren: Das Ergebnis wird über die Unschärfekarte mit dem Original gemischt, sodass sich nur unscharfe Teile ändern</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="82"/>
        <source>%1 views (%1× slower)</source>
        <translation>%1 Ansichten (%1× langsamer)</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="88"/>
        <source>Strength</source>
        <translation>Stärke</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="89"/>
        <source>Blend of the restored photo and the original: 100 % is fully restored</source>
        <translation>Mischung aus wiederhergestelltem Foto und Original: 100 % ist ganz wiederhergestellt</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="95"/>
        <source>Strength percent</source>
        <translation>Stärke in Prozent</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="100"/>
        <source>P&amp;review</source>
        <translation>&amp;Vorschau</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="107"/>
        <source>Deblur the part of the photo on screen in a few seconds; the preview follows as you pan or zoom (%1)</source>
        <translation>Den sichtbaren Teil des Fotos in wenigen Sekunden schärfen; die Vorschau folgt beim Verschieben und Zoomen (%1)</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="110"/>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="111"/>
        <location filename="../ui/ControlsPanel.cpp" line="364"/>
        <source>&amp;Deblur whole photo</source>
        <translation>&amp;Ganzes Foto schärfen</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="113"/>
        <source>Deblur the whole photo with the chosen model (%1)</source>
        <translation>Das ganze Foto mit dem gewählten Modell schärfen (%1)</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="115"/>
        <source>Deblur whole photo</source>
        <translation>Ganzes Foto schärfen</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="116"/>
        <source>Another &amp;variation</source>
        <translation>Andere Va&amp;riante</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="117"/>
        <source>Deblur again with new diffusion noise (a new seed)</source>
        <translation>Mit neuem Diffusionsrauschen (neuem Seed) erneut schärfen</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="118"/>
        <source>Another variation</source>
        <translation>Andere Variante</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="130"/>
        <source>&amp;Model:</source>
        <translation>&amp;Modell:</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="134"/>
        <source>De&amp;vice:</source>
        <translation>G&amp;erät:</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="135"/>
        <source>&amp;Precision:</source>
        <translation>&amp;Präzision:</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="136"/>
        <source>&amp;Tile size:</source>
        <translation>&amp;Kachelgröße:</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="137"/>
        <source>&amp;Ensemble:</source>
        <translation>Ensem&amp;ble:</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="141"/>
        <source>S&amp;hake refinement:</source>
        <translation>Verwacklungskorrek&amp;tur:</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="143"/>
        <source>&amp;Strength:</source>
        <translation>&amp;Stärke:</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="216"/>
        <source>CUDA</source>
        <translation>CUDA</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="220"/>
        <source>CUDA unavailable: %1</source>
        <translation>CUDA nicht verfügbar: %1</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="224"/>
        <source>Half precision needs a CUDA GPU: %1</source>
        <translation>Halbe Präzision braucht eine CUDA-GPU: %1</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="253"/>
        <source>Auto (%1)</source>
        <translation>Auto (%1)</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="287"/>
        <source>Auto (%1 px)</source>
        <translation>Automatisch (%1 px)</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="363"/>
        <source>&amp;Apply to whole photo</source>
        <translation>Auf ganzes Foto a&amp;nwenden</translation>
    </message>
</context>
<context>
    <name>unblur::ui::ExportDialog</name>
    <message>
        <location filename="../ui/ExportDialog.cpp" line="20"/>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <location filename="../ui/ExportDialog.cpp" line="22"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location filename="../ui/ExportDialog.cpp" line="24"/>
        <source>&amp;Browse…</source>
        <translation>Du&amp;rchsuchen…</translation>
    </message>
    <message>
        <location filename="../ui/ExportDialog.cpp" line="25"/>
        <source>Choose the folder and file name</source>
        <translation>Ordner und Dateinamen wählen</translation>
    </message>
    <message>
        <location filename="../ui/ExportDialog.cpp" line="79"/>
        <source>%1 files (*.%2)</source>
        <translation>%1-Dateien (*.%2)</translation>
    </message>
    <message>
        <location filename="../ui/ExportDialog.cpp" line="34"/>
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <location filename="../ui/ExportDialog.cpp" line="39"/>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <location filename="../ui/ExportDialog.cpp" line="79"/>
        <source>Export to</source>
        <translation>Exportieren nach</translation>
    </message>
</context>
<context>
    <name>unblur::ui::ImageViewer</name>
    <message>
        <location filename="../ui/ImageViewer.cpp" line="31"/>
        <source>Photo viewer</source>
        <translation>Fotoansicht</translation>
    </message>
    <message>
        <location filename="../ui/ImageViewer.cpp" line="32"/>
        <source>Shows the photo; after a deblur, the original on the left of the divider and the restored photo on the right.</source>
        <translation>Zeigt das Foto; nach dem Schärfen links vom Teiler das Original und rechts das wiederhergestellte Foto.</translation>
    </message>
    <message>
        <location filename="../ui/ImageViewer.cpp" line="307"/>
        <source>Open a photo (%1) or drop one here</source>
        <translation>Foto öffnen (%1) oder hierher ziehen</translation>
    </message>
    <message>
        <location filename="../ui/ImageViewer.cpp" line="349"/>
        <location filename="../ui/ImageViewer.cpp" line="424"/>
        <location filename="../ui/ImageViewer.cpp" line="429"/>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <location filename="../ui/ImageViewer.cpp" line="350"/>
        <location filename="../ui/ImageViewer.cpp" line="353"/>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <location filename="../ui/ImageViewer.cpp" line="350"/>
        <location filename="../ui/ImageViewer.cpp" line="425"/>
        <location filename="../ui/ImageViewer.cpp" line="430"/>
        <source>After</source>
        <translation>Nachher</translation>
    </message>
</context>
<context>
    <name>unblur::ui::MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.cpp" line="93"/>
        <source>Deblur</source>
        <translation>Schärfen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="142"/>
        <source>Could not open %1: %2</source>
        <translation>%1 konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="150"/>
        <location filename="../ui/MainWindowFiles.cpp" line="190"/>
        <source>Could not save %1: %2</source>
        <translation>%1 konnte nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="212"/>
        <source>Model: %1</source>
        <translation>Modell: %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="217"/>
        <source>Could not load the model %1: %2</source>
        <translation>Das Modell %1 konnte nicht geladen werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="239"/>
        <source>Cancelled; the photo is unchanged.</source>
        <translation>Abgebrochen; das Foto ist unverändert.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="243"/>
        <source>Could not deblur %1: %2</source>
        <translation>%1 konnte nicht geschärft werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="173"/>
        <source>Fit to window (%1 %)</source>
        <translation>An Fenster angepasst (%1 %)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="41"/>
        <source>%1: not a folder</source>
        <translation>%1: kein Ordner</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/MainWindow.cpp" line="47"/>
        <source>%1: not a HI-Diff model folder (%n file(s) missing: %2)</source>
        <translation>
            <numerusform>%1: kein HI-Diff-Modellordner (%n Datei fehlt: %2)</numerusform>
            <numerusform>%1: kein HI-Diff-Modellordner (%n Dateien fehlen: %2)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="56"/>
        <source>shake refinement applied at %1 % strength (kernel %2 px)</source>
        <translation>Verwacklungskorrektur mit %1 % Stärke angewendet (Kern %2 px)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="61"/>
        <source>shake refinement applied (kernel %1 px)</source>
        <translation>Verwacklungskorrektur angewendet (Kern %1 px)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="64"/>
        <source>shake refinement: %1</source>
        <translation>Verwacklungskorrektur: %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="174"/>
        <source>Zoom %1 %</source>
        <translation>Zoom %1 %</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="263"/>
        <source>%1 (bundled)</source>
        <translation>%1 (mitgeliefert)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="328"/>
        <location filename="../ui/MainWindowPreview.cpp" line="46"/>
        <source>No model is available: add a folder of HI-Diff checkpoints with &quot;Add model…&quot;.</source>
        <translation>Kein Modell verfügbar: Fügen Sie mit „Modell hinzufügen…“ einen Ordner mit HI-Diff-Checkpoints hinzu.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/MainWindow.cpp" line="375"/>
        <source>the CPU (%n thread(s))</source>
        <translation>
            <numerusform>der CPU (%n Thread)</numerusform>
            <numerusform>der CPU (%n Threads)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/MainWindow.cpp" line="378"/>
        <source>Deblurred in %1 s on %2 (%n tile(s) of %3 px, seed %4)</source>
        <translation>
            <numerusform>In %1 s auf %2 geschärft (%n Kachel mit %3 px, Seed %4)</numerusform>
            <numerusform>In %1 s auf %2 geschärft (%n Kacheln mit %3 px, Seed %4)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="424"/>
        <source>Add a HI-Diff model folder</source>
        <translation>HI-Diff-Modellordner hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="435"/>
        <source>Cannot add the model: %1</source>
        <translation>Das Modell kann nicht hinzugefügt werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="461"/>
        <source>Unblur</source>
        <translation>Unblur</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="466"/>
        <source>%1[*] — Unblur</source>
        <translation>%1[*] — Unblur</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="475"/>
        <source>&amp;Apply to Whole Photo</source>
        <translation>Auf ganzes Foto &amp;anwenden</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="476"/>
        <location filename="../ui/MainWindowActions.cpp" line="72"/>
        <source>&amp;Deblur Whole Photo</source>
        <translation>&amp;Ganzes Foto schärfen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="53"/>
        <source>&amp;Open…</source>
        <translation>&amp;Öffnen…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="53"/>
        <location filename="../ui/MainWindowFiles.cpp" line="49"/>
        <source>Open a photo</source>
        <translation>Foto öffnen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="56"/>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="56"/>
        <location filename="../ui/MainWindowFiles.cpp" line="136"/>
        <source>Save the deblurred photo</source>
        <translation>Das geschärfte Foto speichern</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="57"/>
        <source>Save &amp;As…</source>
        <translation>Speichern &amp;unter…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="58"/>
        <source>Save the deblurred photo under a new name, with its metadata</source>
        <translation>Das geschärfte Foto mit seinen Metadaten unter neuem Namen speichern</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="61"/>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="62"/>
        <source>Save with a choice of format, quality, bit depth and metadata</source>
        <translation>Mit Wahl von Format, Qualität, Bittiefe und Metadaten speichern</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="64"/>
        <source>&amp;Batch Export…</source>
        <translation>S&amp;tapel-Export…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="65"/>
        <source>Deblur whole folders of photos into an output folder</source>
        <translation>Ganze Ordner voller Fotos schärfen und in einen Ausgabeordner schreiben</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="67"/>
        <source>&amp;Preview</source>
        <translation>&amp;Vorschau</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="68"/>
        <source>Deblur the part of the photo on screen in a few seconds; the preview follows as you pan</source>
        <translation>Den sichtbaren Teil des Fotos in wenigen Sekunden schärfen; die Vorschau folgt beim Verschieben</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="73"/>
        <source>Deblur the whole photo</source>
        <translation>Das ganze Foto schärfen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="75"/>
        <source>Another &amp;Variation</source>
        <translation>Andere Va&amp;riante</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="76"/>
        <source>Deblur again with new diffusion noise</source>
        <translation>Mit neuem Diffusionsrauschen erneut schärfen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="77"/>
        <source>&amp;Cancel</source>
        <translation>A&amp;bbrechen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="77"/>
        <source>Stop the deblur</source>
        <translation>Das Schärfen abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="80"/>
        <source>&amp;Fit to Window</source>
        <translation>An Fenster &amp;anpassen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="81"/>
        <source>Show the whole photo</source>
        <translation>Das ganze Foto zeigen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="82"/>
        <source>&amp;Actual Pixels (100 %)</source>
        <translation>&amp;Originalgröße (100 %)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="83"/>
        <source>One photo pixel per screen pixel</source>
        <translation>Ein Fotopixel pro Bildschirmpixel</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="85"/>
        <source>Zoom &amp;In</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="85"/>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="86"/>
        <source>Zoom &amp;Out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="86"/>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="90"/>
        <source>&amp;Restored Only</source>
        <translation>Nur &amp;Ergebnis</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="90"/>
        <source>Show only the deblurred photo</source>
        <translation>Nur das geschärfte Foto zeigen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="92"/>
        <source>&amp;Split Before/After</source>
        <translation>Vorher/Nachher ge&amp;teilt</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="93"/>
        <source>Split the view: original left of the divider, deblurred right</source>
        <translation>Geteilte Ansicht: links vom Teiler das Original, rechts das geschärfte Foto</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="95"/>
        <source>Side &amp;by Side</source>
        <translation>&amp;Nebeneinander</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="96"/>
        <source>Original and deblurred side by side, zoomed and panned together</source>
        <translation>Original und geschärftes Foto nebeneinander, gemeinsam gezoomt und verschoben</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="98"/>
        <source>Split &amp;Horizontally</source>
        <translation>&amp;Horizontal teilen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="99"/>
        <source>Put the divider across the photo: original above, deblurred below</source>
        <translation>Teiler quer über das Foto: oben das Original, unten das geschärfte Foto</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="111"/>
        <source>Blur &amp;Map</source>
        <translation>&amp;Unschärfekarte</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="112"/>
        <source>Show where the photo is blurred: red over blurred parts, clear over sharp ones and plain areas</source>
        <translation>Zeigen, wo das Foto unscharf ist: rot über unscharfen Teilen, klar über scharfen und einfarbigen Flächen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="117"/>
        <source>Show &amp;Original</source>
        <translation>&amp;Original zeigen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="118"/>
        <source>Hold to show the original photo (or hold Space on the photo)</source>
        <translation>Gedrückt halten, um das Original zu zeigen (oder auf dem Foto die Leertaste halten)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="119"/>
        <source>&amp;Previous Photo</source>
        <translation>&amp;Vorheriges Foto</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="120"/>
        <source>Open the previous photo in the folder (or Left arrow on the photo)</source>
        <translation>Das vorherige Foto im Ordner öffnen (oder Pfeil nach links auf dem Foto)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="122"/>
        <source>&amp;Next Photo</source>
        <translation>&amp;Nächstes Foto</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="123"/>
        <source>Open the next photo in the folder (or Right arrow on the photo)</source>
        <translation>Das nächste Foto im Ordner öffnen (oder Pfeil nach rechts auf dem Foto)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="129"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="131"/>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="140"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="143"/>
        <source>&amp;Photo</source>
        <translation>&amp;Foto</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="149"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="162"/>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="167"/>
        <source>&amp;System Language</source>
        <translation>&amp;Systemsprache</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="177"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="178"/>
        <source>&amp;About Unblur</source>
        <translation>Über &amp;Unblur</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="179"/>
        <source>About Unblur</source>
        <translation>Über Unblur</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="180"/>
        <source>&lt;b&gt;Unblur %1&lt;/b&gt;&lt;p&gt;Removes motion and focus blur from photos with HI-Diff, run natively through LibTorch.&lt;/p&gt;&lt;p&gt;Free software under the GNU GPL, version 3 or later.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Unblur %1&lt;/b&gt;&lt;p&gt;Entfernt Bewegungs- und Fokusunschärfe aus Fotos mit HI-Diff, nativ ausgeführt über LibTorch.&lt;/p&gt;&lt;p&gt;Freie Software unter der GNU GPL, Version 3 oder später.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="186"/>
        <source>Main</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="203"/>
        <source>Show original while pressed</source>
        <translation>Original zeigen, solange gedrückt</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="216"/>
        <source>The new language takes effect when Unblur is started again.</source>
        <translation>Die neue Sprache gilt ab dem nächsten Start von Unblur.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowFiles.cpp" line="47"/>
        <source>Photos (%1);;All files (*)</source>
        <translation>Fotos (%1);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowFiles.cpp" line="62"/>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowFiles.cpp" line="89"/>
        <source>%1: %2 × %3, %4-bit %5</source>
        <translation>%1: %2 × %3, %4 Bit, %5</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowFiles.cpp" line="128"/>
        <source>JPEG (*.jpg *.jpeg);;PNG (*.png);;TIFF (*.tif *.tiff);;WebP (*.webp)</source>
        <translation>JPEG (*.jpg *.jpeg);;PNG (*.png);;TIFF (*.tif *.tiff);;WebP (*.webp)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowFiles.cpp" line="132"/>
        <source>PNG (*.png)</source>
        <translation>PNG (*.png)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowFiles.cpp" line="133"/>
        <source>TIFF (*.tif *.tiff)</source>
        <translation>TIFF (*.tif *.tiff)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowFiles.cpp" line="134"/>
        <source>WebP (*.webp)</source>
        <translation>WebP (*.webp)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowFiles.cpp" line="135"/>
        <source>JPEG (*.jpg *.jpeg)</source>
        <translation>JPEG (*.jpg *.jpeg)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowFiles.cpp" line="171"/>
        <source>Replace the original?</source>
        <translation>Original ersetzen?</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowFiles.cpp" line="172"/>
        <source>%1 is the original photo. Replace it with the deblurred version? The original cannot be recovered.</source>
        <translation>%1 ist das Originalfoto. Durch die geschärfte Fassung ersetzen? Das Original lässt sich danach nicht wiederherstellen.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowFiles.cpp" line="196"/>
        <source>Saving %1…</source>
        <translation>%1 wird gespeichert…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowFiles.cpp" line="208"/>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowFiles.cpp" line="226"/>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowFiles.cpp" line="227"/>
        <source>The deblurred version of %1 has not been saved. Save it first?</source>
        <translation>Die geschärfte Fassung von %1 wurde nicht gespeichert. Zuerst speichern?</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowFiles.cpp" line="302"/>
        <source>Batch export running</source>
        <translation>Stapel-Export läuft</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowFiles.cpp" line="303"/>
        <source>A batch export is still running. Stop it and quit? Photos already written are kept, and running the same batch again finishes the rest.</source>
        <translation>Ein Stapel-Export läuft noch. Abbrechen und beenden? Bereits geschriebene Fotos bleiben erhalten; wird derselbe Stapel-Export erneut gestartet, erledigt er den Rest.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowPreview.cpp" line="36"/>
        <source>The part on screen is already previewed; pan or zoom out to preview more, or apply to the whole photo.</source>
        <translation>Der sichtbare Teil ist bereits in der Vorschau; verschieben oder herauszoomen, um mehr zu sehen, oder auf das ganze Foto anwenden.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowPreview.cpp" line="70"/>
        <source>Preview of %1 × %2 px in %3 s. Pan to preview more, or apply to the whole photo (%4) to save it.</source>
        <translation>Vorschau von %1 × %2 px in %3 s. Verschieben für mehr Vorschau, oder zum Speichern auf das ganze Foto anwenden (%4).</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowBlur.cpp" line="17"/>
        <source>How blurred the photo is, from 0 (sharp) to 1; from %1 on it counts as blurry</source>
        <translation>Wie unscharf das Foto ist, von 0 (scharf) bis 1; ab %1 gilt es als unscharf</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowBlur.cpp" line="26"/>
        <source>Blur: measuring…</source>
        <translation>Unschärfe: wird gemessen…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowBlur.cpp" line="48"/>
        <source>No blur map for this photo: %1</source>
        <translation>Keine Unschärfekarte für dieses Foto: %1</translation>
    </message>
</context>
<context>
    <name>unblur::ui::MessageBanner</name>
    <message>
        <location filename="../ui/MessageBanner.cpp" line="14"/>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <location filename="../ui/MessageBanner.cpp" line="22"/>
        <source>Close this message</source>
        <translation>Diese Meldung schließen</translation>
    </message>
    <message>
        <location filename="../ui/MessageBanner.cpp" line="23"/>
        <source>Close message</source>
        <translation>Meldung schließen</translation>
    </message>
</context>
<context>
    <name>unblur::ui::ModelHost</name>
    <message>
        <location filename="../ui/ModelHost.cpp" line="70"/>
        <source>This build of LibTorch has no CUDA support.</source>
        <translation>Diese LibTorch-Version wurde ohne CUDA-Unterstützung gebaut.</translation>
    </message>
    <message>
        <location filename="../ui/ModelHost.cpp" line="71"/>
        <source>No CUDA GPU was found.</source>
        <translation>Es wurde keine CUDA-GPU gefunden.</translation>
    </message>
    <message>
        <location filename="../ui/ModelHost.cpp" line="105"/>
        <source>a batch export is running with %1; the model can change once it ends</source>
        <translation>ein Stapelexport läuft mit %1; das Modell kann gewechselt werden, sobald er endet</translation>
    </message>
    <message>
        <location filename="../ui/ModelHost.cpp" line="124"/>
        <source>a batch export is running; the model can change once it ends</source>
        <translation>ein Stapelexport läuft; das Modell kann gewechselt werden, sobald er endet</translation>
    </message>
    <message>
        <location filename="../ui/ModelHost.cpp" line="168"/>
        <source>No model is loaded.</source>
        <translation>Es ist kein Modell geladen.</translation>
    </message>
    <message>
        <location filename="../ui/ModelHost.cpp" line="172"/>
        <source>No photo to deblur.</source>
        <translation>Kein Foto zum Schärfen.</translation>
    </message>
    <message>
        <location filename="../ui/ModelHost.cpp" line="176"/>
        <source>the batch export is running on %1; choose that device, or wait for the batch to end</source>
        <translation>der Stapelexport läuft auf %1; wählen Sie dieses Gerät oder warten Sie, bis der Stapel endet</translation>
    </message>
    <message>
        <location filename="../ui/ModelHost.cpp" line="223"/>
        <source>Could not load the model %1: %2</source>
        <translation>Das Modell %1 konnte nicht geladen werden: %2</translation>
    </message>
</context>
<context>
    <name>unblur::ui::OutputFormatFields</name>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="16"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="18"/>
        <source>Same as the photo (RAW: TIFF)</source>
        <translation>Wie das Foto (RAW: TIFF)</translation>
    </message>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="20"/>
        <source>JPEG</source>
        <translation>JPEG</translation>
    </message>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="21"/>
        <source>PNG</source>
        <translation>PNG</translation>
    </message>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="22"/>
        <source>TIFF</source>
        <translation>TIFF</translation>
    </message>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="23"/>
        <source>WebP</source>
        <translation>WebP</translation>
    </message>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="27"/>
        <source>Quality</source>
        <translation>Qualität</translation>
    </message>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="28"/>
        <source>JPEG and WebP quality; 95 keeps fine detail</source>
        <translation>Qualität für JPEG und WebP; 95 erhält feine Details</translation>
    </message>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="31"/>
        <source>Bit depth</source>
        <translation>Bittiefe</translation>
    </message>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="32"/>
        <source>16 bits per channel for PNG and TIFF; Automatic keeps the photo&apos;s</source>
        <translation>16 Bit pro Kanal für PNG und TIFF; „Automatisch“ behält die des Fotos</translation>
    </message>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="33"/>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="34"/>
        <source>8 bits</source>
        <translation>8 Bit</translation>
    </message>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="35"/>
        <source>16 bits</source>
        <translation>16 Bit</translation>
    </message>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="38"/>
        <source>Metadata</source>
        <translation>Metadaten</translation>
    </message>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="39"/>
        <source>EXIF, IPTC and XMP of the original; the colour profile is always kept</source>
        <translation>EXIF, IPTC und XMP des Originals; das Farbprofil bleibt immer erhalten</translation>
    </message>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="41"/>
        <source>Keep all</source>
        <translation>Alle behalten</translation>
    </message>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="42"/>
        <source>Remove location</source>
        <translation>Standort entfernen</translation>
    </message>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="43"/>
        <source>Remove all</source>
        <translation>Alle entfernen</translation>
    </message>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="62"/>
        <source>F&amp;ormat:</source>
        <translation>F&amp;ormat:</translation>
    </message>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="63"/>
        <source>&amp;Quality:</source>
        <translation>&amp;Qualität:</translation>
    </message>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="64"/>
        <source>&amp;Bit depth:</source>
        <translation>&amp;Bittiefe:</translation>
    </message>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="65"/>
        <source>&amp;Metadata:</source>
        <translation>&amp;Metadaten:</translation>
    </message>
</context>
<context>
    <name>unblur::ui::PhotoIo</name>
    <message>
        <location filename="../ui/PhotoIo.cpp" line="32"/>
        <source>%1: the image has no pixels</source>
        <translation>%1: Das Bild enthält keine Pixel</translation>
    </message>
</context>
<context>
    <name>unblur::ui::ProgressPanel</name>
    <message>
        <location filename="../ui/ProgressPanel.cpp" line="20"/>
        <source>diffusion step %1 of %2</source>
        <translation>Diffusionsschritt %1 von %2</translation>
    </message>
    <message>
        <location filename="../ui/ProgressPanel.cpp" line="26"/>
        <source>view %1 of %2, %3</source>
        <translation>Ansicht %1 von %2, %3</translation>
    </message>
    <message>
        <location filename="../ui/ProgressPanel.cpp" line="30"/>
        <source>encoding</source>
        <translation>Kodieren</translation>
    </message>
    <message>
        <location filename="../ui/ProgressPanel.cpp" line="33"/>
        <source>restoring</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <location filename="../ui/ProgressPanel.cpp" line="36"/>
        <source>blending tiles</source>
        <translation>Kacheln zusammenfügen</translation>
    </message>
    <message>
        <location filename="../ui/ProgressPanel.cpp" line="39"/>
        <source>measuring memory</source>
        <translation>Speicherbedarf messen</translation>
    </message>
    <message>
        <location filename="../ui/ProgressPanel.cpp" line="42"/>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <location filename="../ui/ProgressPanel.cpp" line="50"/>
        <source>Deblur progress</source>
        <translation>Fortschritt beim Schärfen</translation>
    </message>
    <message>
        <location filename="../ui/ProgressPanel.cpp" line="54"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/ProgressPanel.cpp" line="55"/>
        <source>Stop the deblur (%1); the photo stays as it was</source>
        <translation>Das Schärfen abbrechen (%1); das Foto bleibt unverändert</translation>
    </message>
    <message>
        <location filename="../ui/ProgressPanel.cpp" line="57"/>
        <source>Cancel deblur</source>
        <translation>Schärfen abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/ProgressPanel.cpp" line="71"/>
        <source>Preparing…</source>
        <translation>Vorbereiten…</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/ProgressPanel.cpp" line="81"/>
        <source>%1/%n tile(s)</source>
        <translation>
            <numerusform>%1/%n Kachel</numerusform>
            <numerusform>%1/%n Kacheln</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/ProgressPanel.cpp" line="85"/>
        <source>ETA %1</source>
        <translation>noch %1</translation>
    </message>
</context>
</TS>
