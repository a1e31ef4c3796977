create table health_test_applied (id int primary key);
