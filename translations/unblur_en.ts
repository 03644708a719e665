<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>BatchStopMessage</name>
    <message numerus="yes">
        <location filename="../ui/BatchStopMessage.cpp" line="24"/>
        <source>Stopped: %1. %n photo(s) not started; the photos finished are kept.</source>
        <translation>
            <numerusform>Stopped: %1. %n photo not started; the photos finished are kept.</numerusform>
            <numerusform>Stopped: %1. %n photos not started; the photos finished are kept.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>unblur::ui::BatchWindow</name>
    <message numerus="yes">
        <location filename="../ui/BatchWindow.cpp" line="350"/>
        <source>%n blurry photo(s) selected</source>
        <translation>
            <numerusform>%n blurry photo selected</numerusform>
            <numerusform>%n blurry photos selected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/BatchWindow.cpp" line="478"/>
        <source>%1 of %n photo(s) finished</source>
        <translation>
            <numerusform>%1 of %n photo finished</numerusform>
            <numerusform>%1 of %n photos finished</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/BatchWindow.cpp" line="480"/>
        <source> · %n failed</source>
        <translation>
            <numerusform> · %n failed</numerusform>
            <numerusform> · %n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/BatchWindow.cpp" line="501"/>
        <source>%n photo(s) done</source>
        <translation>
            <numerusform>%n photo done</numerusform>
            <numerusform>%n photos done</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/BatchWindow.cpp" line="502"/>
        <source>, %n skipped</source>
        <translation>
            <numerusform>, %n skipped</numerusform>
            <numerusform>, %n skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/BatchWindow.cpp" line="503"/>
        <source>, %n failed</source>
        <translation>
            <numerusform>, %n failed</numerusform>
            <numerusform>, %n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/BatchWindow.cpp" line="505"/>
        <source>, %n not done (cancelled)</source>
        <translation>
            <numerusform>, %n not done (cancelled)</numerusform>
            <numerusform>, %n not done (cancelled)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>unblur::ui::MainWindow</name>
    <message numerus="yes">
        <location filename="../ui/MainWindow.cpp" line="46"/>
        <source>%1: not a HI-Diff model folder (%n file(s) missing: %2)</source>
        <translation>
            <numerusform>%1: not a HI-Diff model folder (%n file missing: %2)</numerusform>
            <numerusform>%1: not a HI-Diff model folder (%n files missing: %2)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/MainWindow.cpp" line="363"/>
        <source>the CPU (%n thread(s))</source>
        <translation>
            <numerusform>the CPU (%n thread)</numerusform>
            <numerusform>the CPU (%n threads)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/MainWindow.cpp" line="366"/>
        <source>Deblurred in %1 s on %2 (%n tile(s) of %3 px, seed %4)</source>
        <translation>
            <numerusform>Deblurred in %1 s on %2 (%n tile of %3 px, seed %4)</numerusform>
            <numerusform>Deblurred in %1 s on %2 (%n tiles of %3 px, seed %4)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>unblur::ui::ProgressPanel</name>
    <message numerus="yes">
        <location filename="../ui/ProgressPanel.cpp" line="81"/>
        <source>%1/%n tile(s)</source>
        <translation>
            <numerusform>%1/%n tile</numerusform>
            <numerusform>%1/%n tiles</numerusform>
        </translation>
    </message>
</context>
</TS>
