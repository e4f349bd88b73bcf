-- A GBK site whose tables are latin1 (as many old Discuz! GBK installs are): the columns hold GBK bytes. On top of
-- x3-schema.sql created with DEFAULT CHARSET latin1. Post 302 holds bytes that are not GBK (a broken copy).
INSERT INTO pre_forum_forum (fid, fup, `type`, `name`, `status`) VALUES (1, 0, 'forum', X'd6d0cec4b0e6bfe9', 1);
INSERT INTO pre_forum_forumfield (fid, description, creditspolicy, formulaperm, moderators, rules, threadtypes, threadsorts, viewperm, postperm, replyperm, getattachperm, postattachperm, postimageperm, spviewperm, seotitle, keywords, seodescription, supe_pushsetting, modrecommend, threadplugin, replybg, extra, commentitem, relatedgroup) VALUES
 (1, X'd3c32047424b20d0b4b5c4cbb5c3f7', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '');
INSERT INTO pre_forum_thread (tid, fid, posttableid, author, authorid, `subject`, dateline, views, replies) VALUES
 (30, 1, 0, X'c0cfd3c3bba7', 301, X'caaec4eac7b0b5c4ccfbd7d3', 1400000000, 42, 2);
INSERT INTO pre_forum_post (pid, fid, tid, `first`, author, authorid, dateline, message, position) VALUES
 (300, 1, 30, 1, X'c0cfd3c3bba7', 301, 1400000000, X'b7b1cce5c563bcf2cce5a3bab6bcc4dcb6c1b3f6c0b4c2f0a3bf', 1),
 (301, 1, 30, 0, X'bbd8ccfbb5c4c8cb', 302, 1400000060, X'c4dcb6c1b3f6c0b4203a29', 2),
 (302, 1, 30, 0, X'bbd8ccfbb5c4c8cb', 302, 1400000120, X'c4dcffff', 3);
