create table health_test_pending (id int primary key);
