<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BatchStopMessage</name>
    <message>
        <location filename="../ui/BatchStopMessage.cpp" line="8"/>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <location filename="../ui/BatchStopMessage.cpp" line="11"/>
        <source>the output folder is gone</source>
        <translation>输出文件夹已不存在</translation>
    </message>
    <message>
        <location filename="../ui/BatchStopMessage.cpp" line="14"/>
        <source>the output folder is on a read-only disk</source>
        <translation>输出文件夹位于只读磁盘上</translation>
    </message>
    <message>
        <location filename="../ui/BatchStopMessage.cpp" line="17"/>
        <source>the output folder is not writable</source>
        <translation>输出文件夹不可写入</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/BatchStopMessage.cpp" line="24"/>
        <source>Stopped: %1. %n photo(s) not started; the photos finished are kept.</source>
        <translation>
            <numerusform>已停止：%1。%n 张照片未开始；已完成的照片均已保留。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/BatchStopMessage.cpp" line="27"/>
        <source>Free some space</source>
        <translation>请释放一些空间</translation>
    </message>
    <message>
        <location filename="../ui/BatchStopMessage.cpp" line="28"/>
        <source>Check the output folder</source>
        <translation>请检查输出文件夹</translation>
    </message>
    <message>
        <location filename="../ui/BatchStopMessage.cpp" line="30"/>
        <source>%1, then Start again: the photos done are skipped.</source>
        <translation>%1，然后再次开始：已完成的照片会被跳过。</translation>
    </message>
    <message>
        <location filename="../ui/BatchStopMessage.cpp" line="31"/>
        <source>%1, then Start again with “Skip the photo” to resume.</source>
        <translation>%1，然后选择“跳过该照片”再次开始以继续。</translation>
    </message>
    <message>
        <location filename="../ui/BatchStopMessage.cpp" line="37"/>
        <source>Stopping: %1…</source>
        <translation>正在停止：%1…</translation>
    </message>
</context>
<context>
    <name>DurationText</name>
    <message>
        <location filename="../ui/DurationText.cpp" line="13"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../ui/DurationText.cpp" line="17"/>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <location filename="../ui/DurationText.cpp" line="21"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/gui/main.cpp" line="37"/>
        <source>Deblurs photos with HI-Diff.</source>
        <translation>使用 HI-Diff 为照片去模糊。</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="42"/>
        <source>Debug: save a picture of the window to FILE and quit (after the photo is shown, or deblurred with --deblur).</source>
        <translation>调试：将窗口截图保存到 FILE 后退出（在照片显示后；使用 --deblur 时在去模糊完成后）。</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="46"/>
        <source>Deblur the photo at once.</source>
        <translation>立即对照片去模糊。</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="49"/>
        <source>Show the photo at 100 % and preview that part at once.</source>
        <translation>以 100 % 显示照片，并立即预览该部分。</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="52"/>
        <source>Debug: save a picture of the window to FILE once the first tile of a deblur is done.</source>
        <translation>调试：去模糊的第一个分块完成后，将窗口截图保存到 FILE。</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="56"/>
        <source>Debug: window size, WxH.</source>
        <translation>调试：窗口大小，宽x高（例如 1600x1000）。</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="60"/>
        <source>Open the batch export window with the photos and folders given instead of opening a photo.</source>
        <translation>打开批量导出窗口并载入给定的照片和文件夹，而不是打开一张照片。</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="64"/>
        <source>Debug: with --batch, run the batch into FOLDER (sub-folders included), save a picture of the batch window to FILE and quit.</source>
        <translation>调试：与 --batch 一起使用时，将批处理输出到 FOLDER（包括子文件夹），把批处理窗口的截图保存到 FILE 后退出。</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="71"/>
        <source>A photo to open (with --batch: photos and folders).</source>
        <translation>要打开的照片（使用 --batch 时：照片和文件夹）。</translation>
    </message>
</context>
<context>
    <name>unblur::ui::BatchQueueModel</name>
    <message>
        <location filename="../ui/BatchQueueModel.cpp" line="68"/>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <location filename="../ui/BatchQueueModel.cpp" line="70"/>
        <source>Working</source>
        <translation>处理中</translation>
    </message>
    <message>
        <location filename="../ui/BatchQueueModel.cpp" line="72"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../ui/BatchQueueModel.cpp" line="74"/>
        <location filename="../ui/BatchQueueModel.cpp" line="136"/>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <location filename="../ui/BatchQueueModel.cpp" line="76"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../ui/BatchQueueModel.cpp" line="78"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../ui/BatchQueueModel.cpp" line="118"/>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <location filename="../ui/BatchQueueModel.cpp" line="125"/>
        <source>n/a</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../ui/BatchQueueModel.cpp" line="133"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../ui/BatchQueueModel.cpp" line="135"/>
        <source>Applied</source>
        <translation>已应用</translation>
    </message>
    <message>
        <location filename="../ui/BatchQueueModel.cpp" line="153"/>
        <source>Blurry (%1 or more)</source>
        <translation>模糊（%1 及以上）</translation>
    </message>
    <message>
        <location filename="../ui/BatchQueueModel.cpp" line="154"/>
        <source>Sharp (below %1)</source>
        <translation>清晰（低于 %1）</translation>
    </message>
    <message>
        <location filename="../ui/BatchQueueModel.cpp" line="183"/>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../ui/BatchQueueModel.cpp" line="185"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../ui/BatchQueueModel.cpp" line="187"/>
        <source>Blur</source>
        <translation>模糊度</translation>
    </message>
    <message>
        <location filename="../ui/BatchQueueModel.cpp" line="189"/>
        <source>Output or reason</source>
        <translation>输出或原因</translation>
    </message>
    <message>
        <location filename="../ui/BatchQueueModel.cpp" line="191"/>
        <source>Time</source>
        <translation>用时</translation>
    </message>
    <message>
        <location filename="../ui/BatchQueueModel.cpp" line="193"/>
        <source>Shake refinement</source>
        <translation>防抖锐化</translation>
    </message>
</context>
<context>
    <name>unblur::ui::BatchWindow</name>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="45"/>
        <source>Batch Export — Unblur</source>
        <translation>批量导出 — Unblur</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="56"/>
        <source>Photos and folders to export</source>
        <translation>要导出的照片和文件夹</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="59"/>
        <source>Add &amp;photos…</source>
        <translation>添加照片(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="60"/>
        <source>Add &amp;folder…</source>
        <translation>添加文件夹(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="61"/>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="62"/>
        <source>Include sub-fol&amp;ders (mirrored in the output)</source>
        <translation>包含子文件夹（在输出中保留目录结构）(&amp;I)</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="64"/>
        <source>all photos, or e.g. *.jpg IMG_*</source>
        <translation>所有照片，或例如 *.jpg IMG_*</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="65"/>
        <source>Only files matching</source>
        <translation>仅限匹配的文件</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="76"/>
        <source>Only files ma&amp;tching:</source>
        <translation>仅限匹配的文件(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="77"/>
        <source>Photos (drop files or folders here)</source>
        <translation>照片（将文件或文件夹拖放到此处）</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="84"/>
        <location filename="../ui/BatchWindow.cpp" line="542"/>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="85"/>
        <source>C&amp;hoose…</source>
        <translation>选择(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="90"/>
        <source>File name</source>
        <translation>文件名</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="91"/>
        <source>{name}: the photo&apos;s name; {ext}: the format&apos;s extension; {model}: the model; {date}: today</source>
        <translation>{name}：照片名称；{ext}：格式的扩展名；{model}：模型；{date}：今天的日期</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="94"/>
        <source>When the file exists</source>
        <translation>文件已存在时</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="95"/>
        <source>Skip the photo (resumes a batch)</source>
        <translation>跳过该照片（用于继续未完成的批量导出）</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="96"/>
        <source>Add a number</source>
        <translation>添加编号</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="97"/>
        <source>Replace it</source>
        <translation>替换</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="99"/>
        <source>Only blurry photos</source>
        <translation>仅处理模糊的照片</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="101"/>
        <source>Skip the sharp photos (blur below %1): they are listed as skipped, with their score</source>
        <translation>跳过清晰的照片（模糊度低于 %1）：它们在列表中显示为已跳过，并附带其模糊度</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="104"/>
        <source>Protect sharp areas</source>
        <translation>保护清晰区域</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="106"/>
        <source>Keep the parts of each photo that are in focus, and soft backgrounds, as they were: only blurred parts change</source>
        <translation>保持每张照片中对焦清晰的部分和柔和的背景不变：只修改模糊的部分</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="113"/>
        <source>Output fo&amp;lder:</source>
        <translation>输出文件夹(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="116"/>
        <source>File &amp;name:</source>
        <translation>文件名(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="117"/>
        <source>If the file &amp;exists:</source>
        <translation>文件已存在时(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="121"/>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="122"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="129"/>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="143"/>
        <source>Batch progress</source>
        <translation>批量导出进度</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="147"/>
        <source>Add photos or folders, choose the output folder, then Start.</source>
        <translation>添加照片或文件夹，选择输出文件夹，然后点击“开始”。</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="149"/>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="152"/>
        <location filename="../ui/BatchWindow.cpp" line="534"/>
        <source>P&amp;ause</source>
        <translation>暂停(&amp;A)</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="154"/>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="156"/>
        <source>Stop within one tile; photos already written stay, nothing partial is left</source>
        <translation>最多在一个分块内停止；已写入的照片会保留，不会留下不完整的文件</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="158"/>
        <source>Sa&amp;ve report…</source>
        <translation>保存报告(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="159"/>
        <source>Every photo with its state, output and reason, as CSV</source>
        <translation>以 CSV 格式列出每张照片的状态、输出和原因</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="160"/>
        <source>Select blurr&amp;y only</source>
        <translation>只选择模糊的照片(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="163"/>
        <source>Select the photos in the list whose blur is %1 or more</source>
        <translation>选择列表中模糊度为 %1 及以上的照片</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="192"/>
        <source>Add photos</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="196"/>
        <source>Add a folder</source>
        <translation>添加文件夹</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="223"/>
        <source>Save the report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="224"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="261"/>
        <source>%1 · device %2 · %3 · tiles %4</source>
        <translation>%1 · 设备 %2 · %3 · 分块 %4</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="265"/>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="267"/>
        <source> · ensemble of %1 views</source>
        <translation> · %1 视图集成</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="269"/>
        <source> · shake refinement %1</source>
        <translation> · 防抖锐化 %1</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="271"/>
        <source>%1 (as in the main window)</source>
        <translation>%1（与主窗口相同）</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="299"/>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="299"/>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/BatchWindow.cpp" line="351"/>
        <source>%n blurry photo(s) selected</source>
        <translation>
            <numerusform>已选择 %n 张模糊的照片</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="389"/>
        <source>A batch export is already running.</source>
        <translation>批量导出已在运行。</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="393"/>
        <source>No model is available: add one in the main window first.</source>
        <translation>没有可用的模型：请先在主窗口中添加模型。</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="417"/>
        <source>Loading the model and listing the photos…</source>
        <translation>正在加载模型并列出照片…</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="434"/>
        <source>Pausing after the current tile…</source>
        <translation>将在当前分块完成后暂停…</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="443"/>
        <source>Stopping after the current tile…</source>
        <translation>将在当前分块完成后停止…</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="451"/>
        <source>Report saved to %1.</source>
        <translation>报告已保存到 %1。</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="454"/>
        <source>Could not save the report: %1</source>
        <translation>无法保存报告：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/BatchWindow.cpp" line="479"/>
        <source>%1 of %n photo(s) finished</source>
        <translation>
            <numerusform>已完成 %1/%n 张照片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/BatchWindow.cpp" line="481"/>
        <source> · %n failed</source>
        <translation>
            <numerusform> · %n 张失败</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="486"/>
        <source> · paused</source>
        <translation> · 已暂停</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="488"/>
        <source> · about %1 left</source>
        <translation> · 剩余约 %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/BatchWindow.cpp" line="502"/>
        <source>%n photo(s) done</source>
        <translation>
            <numerusform>%n 张照片已完成</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/BatchWindow.cpp" line="503"/>
        <source>, %n skipped</source>
        <translation>
            <numerusform>，%n 张已跳过</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/BatchWindow.cpp" line="504"/>
        <source>, %n failed</source>
        <translation>
            <numerusform>，%n 张失败</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/BatchWindow.cpp" line="506"/>
        <source>, %n not done (cancelled)</source>
        <translation>
            <numerusform>，%n 张未完成（已取消）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="509"/>
        <source>. The failed photos and their reasons are in red in the list.</source>
        <translation>。失败的照片及其原因在列表中以红色显示。</translation>
    </message>
    <message>
        <location filename="../ui/BatchWindow.cpp" line="534"/>
        <source>Res&amp;ume</source>
        <translation>继续(&amp;U)</translation>
    </message>
</context>
<context>
    <name>unblur::ui::BlurScorer</name>
    <message>
        <location filename="../ui/BlurScorer.cpp" line="99"/>
        <source>Blur: not measurable</source>
        <translation>模糊度：无法测量</translation>
    </message>
    <message>
        <location filename="../ui/BlurScorer.cpp" line="100"/>
        <source>Blur: not measurable (%1)</source>
        <translation>模糊度：无法测量（%1）</translation>
    </message>
    <message>
        <location filename="../ui/BlurScorer.cpp" line="104"/>
        <source>Blur %1 (sharp)</source>
        <translation>模糊度 %1（清晰）</translation>
    </message>
    <message>
        <location filename="../ui/BlurScorer.cpp" line="107"/>
        <source>Blur %1 (blurry, shake)</source>
        <translation>模糊度 %1（模糊，抖动）</translation>
    </message>
    <message>
        <location filename="../ui/BlurScorer.cpp" line="110"/>
        <source>Blur %1 (blurry, defocus)</source>
        <translation>模糊度 %1（模糊，失焦）</translation>
    </message>
    <message>
        <location filename="../ui/BlurScorer.cpp" line="112"/>
        <source>Blur %1 (blurry)</source>
        <translation>模糊度 %1（模糊）</translation>
    </message>
</context>
<context>
    <name>unblur::ui::ControlsPanel</name>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="22"/>
        <source>The HI-Diff model that restores the photo</source>
        <translation>用于修复照片的 HI-Diff 模型</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="23"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="24"/>
        <source>Add model…</source>
        <translation>添加模型…</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="25"/>
        <source>Add a folder holding net_g.pth, net_le_dm.pth and net_d.pth (published HI-Diff checkpoints)</source>
        <translation>添加包含 net_g.pth、net_le_dm.pth 和 net_d.pth 的文件夹（已发布的 HI-Diff 检查点）</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="27"/>
        <source>Add model folder</source>
        <translation>添加模型文件夹</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="30"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="31"/>
        <source>Where the model runs; Auto takes a CUDA GPU when there is one</source>
        <translation>模型在哪里运行；“自动”在有 CUDA GPU 时使用 GPU</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="32"/>
        <location filename="../ui/ControlsPanel.cpp" line="43"/>
        <location filename="../ui/ControlsPanel.cpp" line="52"/>
        <location filename="../ui/ControlsPanel.cpp" line="62"/>
        <location filename="../ui/ControlsPanel.cpp" line="253"/>
        <location filename="../ui/ControlsPanel.cpp" line="287"/>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="33"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="39"/>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="44"/>
        <source>Full (fp32)</source>
        <translation>全精度 (fp32)</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="45"/>
        <source>Half (fp16)</source>
        <translation>半精度 (fp16)</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="46"/>
        <source>bfloat16</source>
        <translation>bfloat16</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="49"/>
        <source>Tile size</source>
        <translation>分块大小</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="50"/>
        <source>Large photos are restored in overlapping tiles; Auto picks the largest that fits the memory</source>
        <translation>大照片按相互重叠的分块修复；“自动”选择内存能容纳的最大分块</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="54"/>
        <location filename="../ui/ControlsPanel.cpp" line="279"/>
        <source>%1 px</source>
        <translation>%1 像素</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="77"/>
        <source>Self-ensemble</source>
        <translation>自集成</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="78"/>
        <source>Also restore the photo mirrored and turned, and average the results: often slightly cleaner, as many times slower as views</source>
        <translation>同时对镜像和旋转后的照片去模糊，并对结果取平均：效果通常略干净，耗时按视图数成倍增加</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="64"/>
        <location filename="../ui/ControlsPanel.cpp" line="80"/>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="40"/>
        <source>Arithmetic precision; half precision is faster on GPUs. Auto takes bfloat16 on a CPU with bf16 instructions where it measures faster, else full precision</source>
        <translation>计算精度；半精度在 GPU 上更快。“自动”在支持 bf16 指令的 CPU 上若实测更快则使用 bfloat16，否则使用全精度</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="59"/>
        <source>Shake refinement</source>
        <translation>防抖锐化</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="60"/>
        <source>After the network, estimate the camera shake&apos;s blur kernel and sharpen further where it holds (Auto), always (On), or never (Off)</source>
        <translation>在网络处理之后估计相机抖动的模糊核，并在其成立时进一步锐化（自动）、始终锐化（开启）或从不锐化（关闭）</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="63"/>
        <source>On</source>
        <translation>开启</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="67"/>
        <source>Estimated blur kernel</source>
        <translation>估计的模糊核</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="69"/>
        <source>Pr&amp;otect sharp areas</source>
        <translation>保护清晰区域(&amp;O)</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="72"/>
        <source>Keep the parts of the photo that are in focus, and soft backgrounds, as they were: the restored photo is blended with the original through the blur map, so only blurred parts change</source>
        <translation>保持照片中对焦清晰的部分和柔和的背景不变：按模糊分布图将结果与原图混合，只有模糊的部分会改变</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="82"/>
        <source>%1 views (%1× slower)</source>
        <translation>%1 个视图（慢 %1 倍）</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="88"/>
        <source>Strength</source>
        <translation>强度</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="89"/>
        <source>Blend of the restored photo and the original: 100 % is fully restored</source>
        <translation>修复结果与原图的混合比例：100 % 为完全修复</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="95"/>
        <source>Strength percent</source>
        <translation>强度百分比</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="100"/>
        <source>P&amp;review</source>
        <translation>预览(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="107"/>
        <source>Deblur the part of the photo on screen in a few seconds; the preview follows as you pan or zoom (%1)</source>
        <translation>几秒内对屏幕上可见的照片部分去模糊；平移或缩放时预览随之更新（%1）</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="110"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="111"/>
        <location filename="../ui/ControlsPanel.cpp" line="364"/>
        <source>&amp;Deblur whole photo</source>
        <translation>整张照片去模糊(&amp;D)</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="113"/>
        <source>Deblur the whole photo with the chosen model (%1)</source>
        <translation>使用所选模型对整张照片去模糊（%1）</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="115"/>
        <source>Deblur whole photo</source>
        <translation>整张照片去模糊</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="116"/>
        <source>Another &amp;variation</source>
        <translation>另一种结果(&amp;V)</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="117"/>
        <source>Deblur again with new diffusion noise (a new seed)</source>
        <translation>使用新的扩散噪声（新的随机种子）再次去模糊</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="118"/>
        <source>Another variation</source>
        <translation>另一种结果</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="130"/>
        <source>&amp;Model:</source>
        <translation>模型(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="134"/>
        <source>De&amp;vice:</source>
        <translation>设备(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="135"/>
        <source>&amp;Precision:</source>
        <translation>精度(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="136"/>
        <source>&amp;Tile size:</source>
        <translation>分块大小(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="137"/>
        <source>&amp;Ensemble:</source>
        <translation>集成(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="141"/>
        <source>S&amp;hake refinement:</source>
        <translation>防抖锐化(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="143"/>
        <source>&amp;Strength:</source>
        <translation>强度(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="216"/>
        <source>CUDA</source>
        <translation>CUDA</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="220"/>
        <source>CUDA unavailable: %1</source>
        <translation>CUDA 不可用：%1</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="224"/>
        <source>Half precision needs a CUDA GPU: %1</source>
        <translation>半精度需要 CUDA GPU：%1</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="253"/>
        <source>Auto (%1)</source>
        <translation>自动（%1）</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="287"/>
        <source>Auto (%1 px)</source>
        <translation>自动（%1 像素）</translation>
    </message>
    <message>
        <location filename="../ui/ControlsPanel.cpp" line="363"/>
        <source>&amp;Apply to whole photo</source>
        <translation>应用到整张照片(&amp;A)</translation>
    </message>
</context>
<context>
    <name>unblur::ui::ExportDialog</name>
    <message>
        <location filename="../ui/ExportDialog.cpp" line="20"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../ui/ExportDialog.cpp" line="22"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../ui/ExportDialog.cpp" line="24"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../ui/ExportDialog.cpp" line="25"/>
        <source>Choose the folder and file name</source>
        <translation>选择文件夹和文件名</translation>
    </message>
    <message>
        <location filename="../ui/ExportDialog.cpp" line="79"/>
        <source>%1 files (*.%2)</source>
        <translation>%1 文件 (*.%2)</translation>
    </message>
    <message>
        <location filename="../ui/ExportDialog.cpp" line="34"/>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../ui/ExportDialog.cpp" line="39"/>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <location filename="../ui/ExportDialog.cpp" line="79"/>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
</context>
<context>
    <name>unblur::ui::ImageViewer</name>
    <message>
        <location filename="../ui/ImageViewer.cpp" line="31"/>
        <source>Photo viewer</source>
        <translation>照片查看器</translation>
    </message>
    <message>
        <location filename="../ui/ImageViewer.cpp" line="32"/>
        <source>Shows the photo; after a deblur, the original on the left of the divider and the restored photo on the right.</source>
        <translation>显示照片；去模糊后，分隔线左侧为原图，右侧为修复后的照片。</translation>
    </message>
    <message>
        <location filename="../ui/ImageViewer.cpp" line="307"/>
        <source>Open a photo (%1) or drop one here</source>
        <translation>打开照片（%1）或将照片拖放到此处</translation>
    </message>
    <message>
        <location filename="../ui/ImageViewer.cpp" line="349"/>
        <location filename="../ui/ImageViewer.cpp" line="424"/>
        <location filename="../ui/ImageViewer.cpp" line="429"/>
        <source>Before</source>
        <translation>之前</translation>
    </message>
    <message>
        <location filename="../ui/ImageViewer.cpp" line="350"/>
        <location filename="../ui/ImageViewer.cpp" line="353"/>
        <source>Original</source>
        <translation>原图</translation>
    </message>
    <message>
        <location filename="../ui/ImageViewer.cpp" line="350"/>
        <location filename="../ui/ImageViewer.cpp" line="425"/>
        <location filename="../ui/ImageViewer.cpp" line="430"/>
        <source>After</source>
        <translation>之后</translation>
    </message>
</context>
<context>
    <name>unblur::ui::MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.cpp" line="93"/>
        <source>Deblur</source>
        <translation>去模糊</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="142"/>
        <source>Could not open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="150"/>
        <location filename="../ui/MainWindowFiles.cpp" line="190"/>
        <source>Could not save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="212"/>
        <source>Model: %1</source>
        <translation>模型：%1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="217"/>
        <source>Could not load the model %1: %2</source>
        <translation>无法加载模型 %1：%2</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="239"/>
        <source>Cancelled; the photo is unchanged.</source>
        <translation>已取消；照片未更改。</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="243"/>
        <source>Could not deblur %1: %2</source>
        <translation>无法对 %1 去模糊：%2</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="173"/>
        <source>Fit to window (%1 %)</source>
        <translation>适合窗口（%1 %）</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="41"/>
        <source>%1: not a folder</source>
        <translation>%1：不是文件夹</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/MainWindow.cpp" line="47"/>
        <source>%1: not a HI-Diff model folder (%n file(s) missing: %2)</source>
        <translation>
            <numerusform>%1：不是 HI-Diff 模型文件夹（缺少 %n 个文件：%2）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="56"/>
        <source>shake refinement applied at %1 % strength (kernel %2 px)</source>
        <translation>已以 %1% 强度应用防抖锐化（模糊核 %2 像素）</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="61"/>
        <source>shake refinement applied (kernel %1 px)</source>
        <translation>已应用防抖锐化（模糊核 %1 像素）</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="64"/>
        <source>shake refinement: %1</source>
        <translation>防抖锐化：%1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="174"/>
        <source>Zoom %1 %</source>
        <translation>缩放 %1 %</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="263"/>
        <source>%1 (bundled)</source>
        <translation>%1（内置）</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="328"/>
        <location filename="../ui/MainWindowPreview.cpp" line="46"/>
        <source>No model is available: add a folder of HI-Diff checkpoints with &quot;Add model…&quot;.</source>
        <translation>没有可用的模型：请通过“添加模型…”添加一个包含 HI-Diff 检查点的文件夹。</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/MainWindow.cpp" line="375"/>
        <source>the CPU (%n thread(s))</source>
        <translation>
            <numerusform>CPU（%n 个线程）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/MainWindow.cpp" line="378"/>
        <source>Deblurred in %1 s on %2 (%n tile(s) of %3 px, seed %4)</source>
        <translation>
            <numerusform>已在 %2 上用 %1 秒完成去模糊（%n 个 %3 像素的分块，种子 %4）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="424"/>
        <source>Add a HI-Diff model folder</source>
        <translation>添加 HI-Diff 模型文件夹</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="435"/>
        <source>Cannot add the model: %1</source>
        <translation>无法添加模型：%1</translation>
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
        <translation>应用到整张照片(&amp;A)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="476"/>
        <location filename="../ui/MainWindowActions.cpp" line="72"/>
        <source>&amp;Deblur Whole Photo</source>
        <translation>整张照片去模糊(&amp;D)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="53"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="53"/>
        <location filename="../ui/MainWindowFiles.cpp" line="49"/>
        <source>Open a photo</source>
        <translation>打开照片</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="56"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="56"/>
        <location filename="../ui/MainWindowFiles.cpp" line="136"/>
        <source>Save the deblurred photo</source>
        <translation>保存去模糊后的照片</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="57"/>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="58"/>
        <source>Save the deblurred photo under a new name, with its metadata</source>
        <translation>以新文件名保存去模糊后的照片，并保留元数据</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="61"/>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="62"/>
        <source>Save with a choice of format, quality, bit depth and metadata</source>
        <translation>保存时可选择格式、质量、位深度和元数据</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="64"/>
        <source>&amp;Batch Export…</source>
        <translation>批量导出(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="65"/>
        <source>Deblur whole folders of photos into an output folder</source>
        <translation>对整个文件夹的照片去模糊，并保存到输出文件夹</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="67"/>
        <source>&amp;Preview</source>
        <translation>预览(&amp;P)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="68"/>
        <source>Deblur the part of the photo on screen in a few seconds; the preview follows as you pan</source>
        <translation>几秒内对屏幕上可见的照片部分去模糊；平移时预览随之更新</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="73"/>
        <source>Deblur the whole photo</source>
        <translation>对整张照片去模糊</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="75"/>
        <source>Another &amp;Variation</source>
        <translation>另一种结果(&amp;V)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="76"/>
        <source>Deblur again with new diffusion noise</source>
        <translation>使用新的扩散噪声再次去模糊</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="77"/>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="77"/>
        <source>Stop the deblur</source>
        <translation>停止去模糊</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="80"/>
        <source>&amp;Fit to Window</source>
        <translation>适合窗口(&amp;F)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="81"/>
        <source>Show the whole photo</source>
        <translation>显示整张照片</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="82"/>
        <source>&amp;Actual Pixels (100 %)</source>
        <translation>实际像素（100 %）(&amp;A)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="83"/>
        <source>One photo pixel per screen pixel</source>
        <translation>一个照片像素对应一个屏幕像素</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="85"/>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="85"/>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="86"/>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="86"/>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="90"/>
        <source>&amp;Restored Only</source>
        <translation>仅显示结果(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="90"/>
        <source>Show only the deblurred photo</source>
        <translation>只显示去模糊后的照片</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="92"/>
        <source>&amp;Split Before/After</source>
        <translation>之前/之后分屏对比(&amp;S)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="93"/>
        <source>Split the view: original left of the divider, deblurred right</source>
        <translation>分屏对比：分隔线左侧为原图，右侧为去模糊结果</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="95"/>
        <source>Side &amp;by Side</source>
        <translation>并排对比(&amp;B)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="96"/>
        <source>Original and deblurred side by side, zoomed and panned together</source>
        <translation>原图与去模糊结果并排显示，同步缩放和平移</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="98"/>
        <source>Split &amp;Horizontally</source>
        <translation>水平分屏(&amp;H)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="99"/>
        <source>Put the divider across the photo: original above, deblurred below</source>
        <translation>分隔线横贯照片：上方为原图，下方为去模糊结果</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="111"/>
        <source>Blur &amp;Map</source>
        <translation>模糊分布图(&amp;M)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="112"/>
        <source>Show where the photo is blurred: red over blurred parts, clear over sharp ones and plain areas</source>
        <translation>显示照片中模糊的位置：模糊的部分标为红色，清晰的部分和平坦区域保持透明</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="117"/>
        <source>Show &amp;Original</source>
        <translation>显示原图(&amp;O)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="118"/>
        <source>Hold to show the original photo (or hold Space on the photo)</source>
        <translation>按住以显示原图（或在照片上按住空格键）</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="119"/>
        <source>&amp;Previous Photo</source>
        <translation>上一张照片(&amp;P)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="120"/>
        <source>Open the previous photo in the folder (or Left arrow on the photo)</source>
        <translation>打开文件夹中的上一张照片（或在照片上按左方向键）</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="122"/>
        <source>&amp;Next Photo</source>
        <translation>下一张照片(&amp;N)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="123"/>
        <source>Open the next photo in the folder (or Right arrow on the photo)</source>
        <translation>打开文件夹中的下一张照片（或在照片上按右方向键）</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="129"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="131"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="140"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="143"/>
        <source>&amp;Photo</source>
        <translation>照片(&amp;P)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="149"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="162"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="167"/>
        <source>&amp;System Language</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="177"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="178"/>
        <source>&amp;About Unblur</source>
        <translation>关于 Unblur(&amp;A)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="179"/>
        <source>About Unblur</source>
        <translation>关于 Unblur</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="180"/>
        <source>&lt;b&gt;Unblur %1&lt;/b&gt;&lt;p&gt;Removes motion and focus blur from photos with HI-Diff, run natively through LibTorch.&lt;/p&gt;&lt;p&gt;Free software under the GNU GPL, version 3 or later.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Unblur %1&lt;/b&gt;&lt;p&gt;使用 HI-Diff 去除照片中的运动模糊和失焦模糊，通过 LibTorch 本地运行。&lt;/p&gt;&lt;p&gt;自由软件，依据 GNU GPL 第 3 版或更高版本发布。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="186"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="203"/>
        <source>Show original while pressed</source>
        <translation>按住时显示原图</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowActions.cpp" line="216"/>
        <source>The new language takes effect when Unblur is started again.</source>
        <translation>新语言将在下次启动 Unblur 时生效。</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowFiles.cpp" line="47"/>
        <source>Photos (%1);;All files (*)</source>
        <translation>照片 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowFiles.cpp" line="62"/>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowFiles.cpp" line="89"/>
        <source>%1: %2 × %3, %4-bit %5</source>
        <translation>%1：%2 × %3，%4 位 %5</translation>
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
        <translation>替换原图？</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowFiles.cpp" line="172"/>
        <source>%1 is the original photo. Replace it with the deblurred version? The original cannot be recovered.</source>
        <translation>%1 是原始照片。要用去模糊后的版本替换它吗？原图将无法恢复。</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowFiles.cpp" line="196"/>
        <source>Saving %1…</source>
        <translation>正在保存 %1…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowFiles.cpp" line="208"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowFiles.cpp" line="226"/>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowFiles.cpp" line="227"/>
        <source>The deblurred version of %1 has not been saved. Save it first?</source>
        <translation>%1 去模糊后的版本尚未保存。要先保存吗？</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowFiles.cpp" line="302"/>
        <source>Batch export running</source>
        <translation>批量导出正在进行</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowFiles.cpp" line="303"/>
        <source>A batch export is still running. Stop it and quit? Photos already written are kept, and running the same batch again finishes the rest.</source>
        <translation>批量导出仍在进行。要停止并退出吗？已写入的照片会保留，再次运行相同的批量导出即可完成其余照片。</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowPreview.cpp" line="36"/>
        <source>The part on screen is already previewed; pan or zoom out to preview more, or apply to the whole photo.</source>
        <translation>屏幕上的部分已经预览过；平移或缩小以预览更多区域，或应用到整张照片。</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowPreview.cpp" line="70"/>
        <source>Preview of %1 × %2 px in %3 s. Pan to preview more, or apply to the whole photo (%4) to save it.</source>
        <translation>已用 %3 秒预览 %1 × %2 像素。平移以预览更多区域，或应用到整张照片（%4）后保存。</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowBlur.cpp" line="17"/>
        <source>How blurred the photo is, from 0 (sharp) to 1; from %1 on it counts as blurry</source>
        <translation>照片的模糊程度，从 0（清晰）到 1；达到 %1 即视为模糊</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowBlur.cpp" line="26"/>
        <source>Blur: measuring…</source>
        <translation>模糊度：测量中…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowBlur.cpp" line="48"/>
        <source>No blur map for this photo: %1</source>
        <translation>此照片没有模糊分布图：%1</translation>
    </message>
</context>
<context>
    <name>unblur::ui::MessageBanner</name>
    <message>
        <location filename="../ui/MessageBanner.cpp" line="14"/>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../ui/MessageBanner.cpp" line="22"/>
        <source>Close this message</source>
        <translation>关闭此消息</translation>
    </message>
    <message>
        <location filename="../ui/MessageBanner.cpp" line="23"/>
        <source>Close message</source>
        <translation>关闭消息</translation>
    </message>
</context>
<context>
    <name>unblur::ui::ModelHost</name>
    <message>
        <location filename="../ui/ModelHost.cpp" line="70"/>
        <source>This build of LibTorch has no CUDA support.</source>
        <translation>此 LibTorch 版本不支持 CUDA。</translation>
    </message>
    <message>
        <location filename="../ui/ModelHost.cpp" line="71"/>
        <source>No CUDA GPU was found.</source>
        <translation>未找到 CUDA GPU。</translation>
    </message>
    <message>
        <location filename="../ui/ModelHost.cpp" line="105"/>
        <source>a batch export is running with %1; the model can change once it ends</source>
        <translation>批量导出正在使用 %1 运行；结束后才能更换模型</translation>
    </message>
    <message>
        <location filename="../ui/ModelHost.cpp" line="124"/>
        <source>a batch export is running; the model can change once it ends</source>
        <translation>批量导出正在运行；结束后才能更换模型</translation>
    </message>
    <message>
        <location filename="../ui/ModelHost.cpp" line="168"/>
        <source>No model is loaded.</source>
        <translation>未加载模型。</translation>
    </message>
    <message>
        <location filename="../ui/ModelHost.cpp" line="172"/>
        <source>No photo to deblur.</source>
        <translation>没有要去模糊的照片。</translation>
    </message>
    <message>
        <location filename="../ui/ModelHost.cpp" line="176"/>
        <source>the batch export is running on %1; choose that device, or wait for the batch to end</source>
        <translation>批量导出正在 %1 上运行；请选择该设备，或等待批量导出结束</translation>
    </message>
    <message>
        <location filename="../ui/ModelHost.cpp" line="223"/>
        <source>Could not load the model %1: %2</source>
        <translation>无法加载模型 %1：%2</translation>
    </message>
</context>
<context>
    <name>unblur::ui::OutputFormatFields</name>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="16"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="18"/>
        <source>Same as the photo (RAW: TIFF)</source>
        <translation>与照片相同（RAW：TIFF）</translation>
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
        <translation>质量</translation>
    </message>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="28"/>
        <source>JPEG and WebP quality; 95 keeps fine detail</source>
        <translation>JPEG 和 WebP 的质量；95 可保留细节</translation>
    </message>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="31"/>
        <source>Bit depth</source>
        <translation>位深度</translation>
    </message>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="32"/>
        <source>16 bits per channel for PNG and TIFF; Automatic keeps the photo&apos;s</source>
        <translation>PNG 和 TIFF 可用每通道 16 位；“自动”保持照片原有的位深度</translation>
    </message>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="33"/>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="34"/>
        <source>8 bits</source>
        <translation>8 位</translation>
    </message>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="35"/>
        <source>16 bits</source>
        <translation>16 位</translation>
    </message>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="38"/>
        <source>Metadata</source>
        <translation>元数据</translation>
    </message>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="39"/>
        <source>EXIF, IPTC and XMP of the original; the colour profile is always kept</source>
        <translation>原图的 EXIF、IPTC 和 XMP；色彩配置文件始终保留</translation>
    </message>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="41"/>
        <source>Keep all</source>
        <translation>全部保留</translation>
    </message>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="42"/>
        <source>Remove location</source>
        <translation>移除位置信息</translation>
    </message>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="43"/>
        <source>Remove all</source>
        <translation>全部移除</translation>
    </message>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="62"/>
        <source>F&amp;ormat:</source>
        <translation>格式(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="63"/>
        <source>&amp;Quality:</source>
        <translation>质量(&amp;Q)：</translation>
    </message>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="64"/>
        <source>&amp;Bit depth:</source>
        <translation>位深度(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../ui/OutputFormatFields.cpp" line="65"/>
        <source>&amp;Metadata:</source>
        <translation>元数据(&amp;M)：</translation>
    </message>
</context>
<context>
    <name>unblur::ui::PhotoIo</name>
    <message>
        <location filename="../ui/PhotoIo.cpp" line="32"/>
        <source>%1: the image has no pixels</source>
        <translation>%1：图像不含任何像素</translation>
    </message>
</context>
<context>
    <name>unblur::ui::ProgressPanel</name>
    <message>
        <location filename="../ui/ProgressPanel.cpp" line="20"/>
        <source>diffusion step %1 of %2</source>
        <translation>扩散步骤 %1/%2</translation>
    </message>
    <message>
        <location filename="../ui/ProgressPanel.cpp" line="26"/>
        <source>view %1 of %2, %3</source>
        <translation>视图 %1/%2，%3</translation>
    </message>
    <message>
        <location filename="../ui/ProgressPanel.cpp" line="30"/>
        <source>encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../ui/ProgressPanel.cpp" line="33"/>
        <source>restoring</source>
        <translation>修复</translation>
    </message>
    <message>
        <location filename="../ui/ProgressPanel.cpp" line="36"/>
        <source>blending tiles</source>
        <translation>融合分块</translation>
    </message>
    <message>
        <location filename="../ui/ProgressPanel.cpp" line="39"/>
        <source>measuring memory</source>
        <translation>测量内存</translation>
    </message>
    <message>
        <location filename="../ui/ProgressPanel.cpp" line="42"/>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../ui/ProgressPanel.cpp" line="50"/>
        <source>Deblur progress</source>
        <translation>去模糊进度</translation>
    </message>
    <message>
        <location filename="../ui/ProgressPanel.cpp" line="54"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../ui/ProgressPanel.cpp" line="55"/>
        <source>Stop the deblur (%1); the photo stays as it was</source>
        <translation>停止去模糊（%1）；照片保持不变</translation>
    </message>
    <message>
        <location filename="../ui/ProgressPanel.cpp" line="57"/>
        <source>Cancel deblur</source>
        <translation>取消去模糊</translation>
    </message>
    <message>
        <location filename="../ui/ProgressPanel.cpp" line="71"/>
        <source>Preparing…</source>
        <translation>正在准备…</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/ProgressPanel.cpp" line="81"/>
        <source>%1/%n tile(s)</source>
        <translation>
            <numerusform>%1/%n 个分块</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/ProgressPanel.cpp" line="85"/>
        <source>ETA %1</source>
        <translation>剩余 %1</translation>
    </message>
</context>
</TS>
