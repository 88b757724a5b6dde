-- The deployment's list of dispute types, which its administrators keep (a county adds the
-- kinds of dispute its area has, renames one, retires one). A dispute stores the key; a key
-- once listed is never removed, only retired (`active` false), so every recorded dispute keeps
-- a name and new registrations offer only the active ones.
CREATE TABLE dispute_types (
  key text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_]{0,39}$'),
  name_zh text NOT NULL,
  name_en text NOT NULL,
  position integer NOT NULL,
  active boolean NOT NULL DEFAULT true
);

INSERT INTO dispute_types (key, name_zh, name_en, position) VALUES
  ('marriage_family', '婚姻家庭', 'Marriage and family', 1),
  ('neighbours', '邻里纠纷', 'Neighbours', 2),
  ('damage_compensation', '损害赔偿', 'Compensation for damage', 3),
  ('labour_wages', '劳动争议、欠薪', 'Labour and unpaid wages', 4),
  ('land_forest', '山林土地', 'Land and forest rights', 5),
  ('housing_demolition', '房屋宅基地、征地拆迁', 'Housing and demolition', 6),
  ('contracts', '合同纠纷', 'Contracts', 7),
  ('consumer', '消费纠纷', 'Consumer', 8),
  ('medical', '医疗纠纷', 'Medical', 9),
  ('property_management', '物业纠纷', 'Property management', 10),
  ('other', '其他', 'Other', 11);
