-- Traps for the Discuz! importer, on top of x3-schema.sql (prefix pre_); DiscuzImportTest says what each must give.
-- Boards: 11 public with two topic types (one named with HTML, as Discuz! allows), 12 a sub-board of it, 13 with a
-- password (and 17 below it), 14 readable by some user groups only, 15 hidden, 16 readable by guests (group 7).
INSERT INTO pre_forum_forum (fid, fup, `type`, `name`, `status`, displayorder) VALUES
 (10, 0, 'group', '陷阱分区', 1, 0),
 (11, 10, 'forum', '公开版', 1, 1),
 (12, 11, 'sub', '子版 &amp; 附属', 1, 0),
 (13, 10, 'forum', '私密版', 1, 2),
 (14, 10, 'forum', '会员版', 1, 3),
 (15, 10, 'forum', '隐藏版', 0, 4),
 (16, 10, 'forum', '游客可看', 1, 5),
 (17, 13, 'sub', '私密子版', 1, 0);
INSERT INTO pre_forum_forumfield (fid, description, creditspolicy, formulaperm, moderators, rules, threadtypes, threadsorts, viewperm, postperm, replyperm, getattachperm, postattachperm, postimageperm, spviewperm, seotitle, keywords, seodescription, supe_pushsetting, modrecommend, threadplugin, replybg, extra, commentitem, relatedgroup, `password`) VALUES
 (10, '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', ''), (11, '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', ''), (12, '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', ''), (13, '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', 'secret'), (14, '', '', '', '', '', '', '', '\t1\t2\t3\t', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', ''), (15, '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', ''), (16, '', '', '', '', '', '', '', '\t1\t7\t10\t', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', ''), (17, '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '');
INSERT INTO pre_forum_threadclass (typeid, fid, `name`, displayorder, icon) VALUES
 (10, 11, '提问', 1, ''), (11, 11, '<font color="red">公告</font>', 0, '');

-- 10: in forum_post_1; pinned, closed, a 公告, views 500 + 20 delayed; floors 1 visible, 2 awaiting moderation (-2),
--     3 recycled (-1), position 4 gone (deleted for good), 5 with 2 支持 and 1 反对, 6 anonymous (its author id must
--     not travel), 7 a guest without a name, 8 with two [hide] blocks and a smiley.
-- 11: in sub-board 12, quoting a post of thread 10 (another thread). 12, 13: restricted boards. 14: recycle bin.
-- 15: its post table forum_post_2 does not exist. 16: two posts on position 2, floor 3 quoting floor 2.
-- 17: awaiting moderation. 18: a "moved" stub pointing to thread 11. 19: its board was deleted.
INSERT INTO pre_forum_thread (tid, fid, posttableid, typeid, author, authorid, `subject`, dateline, views, replies, displayorder, closed, maxposition) VALUES
 (10, 11, 1, 11, 'alice', 201, '置顶 &amp; 关闭的主题', 1400000000, 500, 6, 1, 1, 8),
 (11, 12, 0, 0, 'bob', 202, '子版的主题', 1400000100, 7, 1, 0, 0, 2),
 (12, 13, 0, 0, 'alice', 201, '私密的主题', 1400000200, 3, 0, 0, 0, 1),
 (13, 14, 0, 0, 'alice', 201, '会员的主题', 1400000300, 3, 0, 0, 0, 1),
 (14, 11, 0, 0, 'alice', 201, '回收站里的主题', 1400000400, 3, 0, -1, 0, 1),
 (15, 11, 2, 0, 'alice', 201, '帖子表不存在', 1400000500, 3, 0, 0, 0, 1),
 (16, 11, 1, 10, 'bob', 202, '楼层冲突', 1400000600, 9, 2, 0, 0, 3),
 (17, 16, 0, 0, 'carol', 203, '等待审核的主题', 1400000700, 0, 0, -2, 0, 1),
 (18, 12, 0, 0, 'bob', 202, '被移动的主题', 1400000800, 0, 0, 0, 11, 1),
 (19, 99, 0, 0, 'bob', 202, '版块已删除', 1400000900, 0, 0, 0, 0, 1);
INSERT INTO pre_forum_threadaddviews (tid, addviews) VALUES (10, 20);

CREATE TABLE pre_forum_post_1 LIKE pre_forum_post;
-- This copy of the site lost forum_post_1's primary key (a dump restored without keys), so two posts share a position.
ALTER TABLE pre_forum_post_1 MODIFY position int(8) unsigned NOT NULL, DROP PRIMARY KEY;
INSERT INTO pre_forum_post_1 (pid, fid, tid, `first`, author, authorid, dateline, message, invisible, anonymous, position) VALUES
 (100, 11, 10, 1, 'alice', 201, 1400000000, '公告正文 :)', 0, 0, 0),
 (101, 11, 10, 0, 'bob', 202, 1400000010, '等待审核的回复', -2, 0, 2),
 (102, 11, 10, 0, 'bob', 202, 1400000020, '进了回收站的回复', -1, 0, 3),
 (103, 11, 10, 0, 'carol', 203, 1400000040, '[b]有人支持[/b]', 0, 0, 5),
 (104, 11, 10, 0, 'dave', 204, 1400000050, '匿名的回复', 0, 1, 6),
 (105, 11, 10, 0, '', 0, 1400000060, '游客的回复', 0, 0, 7),
 (106, 11, 10, 0, 'bob', 202, 1400000070, '公开部分 :lol\r\n[hide]回复后才可见的秘密[/hide]\r\n[hide=d7,100]积分才可见的秘密[/hide]', 0, 0, 8),
 (160, 11, 16, 1, 'bob', 202, 1400000600, '第一楼', 0, 0, 0),
 (161, 11, 16, 0, 'alice', 201, 1400000610, '第二楼', 0, 0, 2),
 (162, 11, 16, 0, 'carol', 203, 1400000620, '也说自己是第二楼', 0, 0, 2),
 (163, 11, 16, 0, 'bob', 202, 1400000630, '[quote][size=2][url=forum.php?mod=redirect&goto=findpost&pid=161&ptid=16][color=#999999]alice 发表于 2014-5-14 01:00[/color][/url][/size]\r\n第二楼[/quote]\r\n引用第二楼', 0, 0, 3);
UPDATE pre_forum_post_1 SET position = 1 WHERE `first` = 1;
INSERT INTO pre_forum_post (pid, fid, tid, `first`, author, authorid, dateline, message, invisible, anonymous, position) VALUES
 (110, 12, 11, 1, 'bob', 202, 1400000100, '子版正文', 0, 0, 1),
 (111, 12, 11, 0, 'carol', 203, 1400000110, '[quote][size=2][url=forum.php?mod=redirect&amp;goto=findpost&amp;pid=100&amp;ptid=10][color=#999999]alice 发表于 2014-5-14 00:53[/color][/url][/size]\r\n公告正文[/quote]\r\n别的主题里的引用', 0, 0, 2),
 (120, 13, 12, 1, 'alice', 201, 1400000200, '私密正文', 0, 0, 1),
 (130, 14, 13, 1, 'alice', 201, 1400000300, '会员正文', 0, 0, 1),
 (140, 11, 14, 1, 'alice', 201, 1400000400, '回收站正文', -1, 0, 1),
 (170, 16, 17, 1, 'carol', 203, 1400000700, '待审正文', 0, 0, 1),
 (180, 12, 18, 1, 'bob', 202, 1400000800, '移动前的正文', 0, 0, 1),
 (190, 99, 19, 1, 'bob', 202, 1400000900, '无版块', 0, 0, 1);
INSERT INTO pre_forum_hotreply_member (tid, pid, uid, attitude) VALUES
 (10, 103, 201, 1), (10, 103, 202, 1), (10, 103, 205, 0);
